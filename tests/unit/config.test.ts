import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../api/config';

describe('configuration', () => {
  it('has working defaults for a fresh machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', NODE_ENV: 'development', BASE_URL: 'http://localhost:3000', SESSION_TTL_HOURS: 12 });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
  });

  it('names every wrong variable, in German and English, and hides secrets', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', TRUST_PROXY: 'vielleicht', SMTP_URL: 'http://mail' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const text = (error as Error).message;
      expect(text).toContain('PORT: muss eine ganze Zahl von 1 bis 65535 sein / must be a whole number from 1 to 65535');
      expect(text).toContain('(ist / is: "abc")');
      expect(text).toContain('DATABASE_URL: muss eine PostgreSQL-URL sein');
      expect(text).toContain('TRUST_PROXY: muss true oder false sein');
      expect(text).toContain('SMTP_URL');
      expect(text).not.toContain('mysql://x');
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).PORT).toBe(3000);
  });

  it('requires the key when a mail API is configured', () => {
    expect(() => loadConfig({ MAIL_API_URL: 'https://api.example/emails' })).toThrow(/MAIL_API_KEY/);
  });

  it('stops `npm start` with the message and exit code 1', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'api/node.ts'], {
      env: { ...process.env, PORT: '70000', DATA_DIR: '/nonexistent-never-created' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Kassenwart kann nicht starten');
    expect(run.stderr).toContain('PORT: darf höchstens 65535 sein / must be at most 65535');
  });
});
