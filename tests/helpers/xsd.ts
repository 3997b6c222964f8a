import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The official ISO 20022 schemas, beside the repository (../shared/xsd). */
export const XSD_DIR = resolve(process.cwd(), '../shared/xsd');

/**
 * Validates XML against an official XSD with xmllint. Under CI a missing schema folder or a
 * missing xmllint fails the test instead of skipping it.
 */
export function validateWithXsd(xml: string, xsdFile: string): { ok: boolean; output: string } {
  const xsd = join(XSD_DIR, xsdFile);
  if (!existsSync(xsd)) throw new Error(`XSD not found: ${xsd} (../shared/xsd must sit beside the repository)`);
  if (spawnSync('xmllint', ['--version']).error) throw new Error('xmllint is missing: apt-get install libxml2-utils');
  const dir = mkdtempSync(join(tmpdir(), 'kw-xsd-'));
  try {
    const file = join(dir, 'doc.xml');
    writeFileSync(file, xml);
    try {
      const output = execFileSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { ok: true, output };
    } catch (error) {
      return { ok: false, output: String((error as { stderr?: string }).stderr ?? error) };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
