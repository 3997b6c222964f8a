// Runs after `npm install`: prepares the pre-migrated database template so that the very first
// `npm start` on a fresh data folder copies it instead of running PGlite's initdb (db/embedded.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { imagePath, writeImage } from '../db/embedded';

if (!existsSync(join(imagePath(), 'PG_VERSION'))) {
  await writeImage();
  console.log(`Kassenwart: Datenbank-Vorlage erstellt / database template written: ${imagePath()}`);
}
