// `npm run demo`: Kassenwart on a throwaway embedded database filled with generated demo data
// (db/seed). The database lives in a temp folder that is deleted on exit; ./data is never touched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROLE_NAMES } from '../api/auth/invite-user';
import { ConfigError, loadConfig } from '../api/config';
import { startNode } from '../api/node';
import { openEmbedded } from '../db/embedded';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../db/seed/index';

const dataDir = mkdtempSync(join(tmpdir(), 'kassenwart-demo-'));
process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));

// Only where to listen comes from the environment: a demo must never write into a real
// database (DATABASE_URL) nor send its made-up mails (SMTP_URL, MAIL_API_URL).
const env = { PORT: process.env.PORT ?? '3000', HOST: process.env.HOST, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', DATA_DIR: dataDir };

// startNode's server reports a taken port as an 'error' event, not as a rejection.
process.once('uncaughtException', (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Port ${env.PORT} ist belegt, bitte einen anderen wählen, z. B. PORT=3001 npm run demo / port ${env.PORT} is in use, choose another one`
      : error,
  );
  process.exit(1);
});

try {
  const config = loadConfig(env);
  const database = await openEmbedded(dataDir);
  const seeded = await seedDemo(database.db, { baseUrl: config.BASE_URL });
  await database.close();
  const { stop } = await startNode(env);
  console.log(
    [
      '',
      `Demo: ${seeded.users} Benutzer / users, ${seeded.members} Mitglieder / members (${seeded.mandates} Mandate, ${seeded.collections} Lastschrifteinzüge, ${seeded.payments} Zahlungen / payments, ${seeded.reminders} Mahnungen / reminders, ${seeded.applications} offene Anträge / open applications)`,
      `      ${seeded.auditEntries} Protokolleinträge / audit entries, ${seeded.outboxMails} Mails im Postausgang / outbox mails`,
      `Anmelden / log in: ${config.BASE_URL}/login   Passwort / password: ${DEMO_PASSWORD}`,
      ...DEMO_LOGINS.map((l) => `  ${ROLE_NAMES[l.role].de.padEnd(15)} ${l.email}`),
      `Zuwendungsbestätigungen, Jahreslauf / annual receipt run: ${config.BASE_URL}/receipts/annual`,
      `Förderanträge / grants: ${config.BASE_URL}/grants (${seeded.grantApplications} Anträge / applications, ${seeded.grantFunders} Fördermittelgeber / funders)`,
      'Die Demo-Datenbank wird beim Beenden (Strg+C) gelöscht. / The demo database is deleted on exit (Ctrl+C).',
    ].join('\n'),
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
