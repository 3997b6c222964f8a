// Runs after `npm install`: prepares the pre-migrated database image so that the very first
// `npm start` on a fresh data folder skips PGlite's initdb (see db/embedded.ts).
import { existsSync } from 'node:fs';
import { openPglite } from '../db/connect';
import { imagePath, writeImage } from '../db/embedded';
import { migrateToLatest } from '../db/migrate';

if (existsSync(imagePath())) process.exit(0);
const database = await openPglite();
await migrateToLatest(database.db);
await writeImage(database.pglite);
await database.close();
console.log(`Kassenwart: Datenbank-Abbild erstellt / database image written: ${imagePath()}`);
