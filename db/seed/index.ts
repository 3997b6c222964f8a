import type { Kysely } from 'kysely';
import { loadConfig } from '../../api/config';
import { systemClock, type Clock } from '../../api/deps';
import type { DB } from '../schema';
import { DEMO_LOGINS, DEMO_PASSWORD, seedFoundation } from './foundation';
import { seedMembers } from './members';
import { seedDonations } from './donations';
import { seedGrants } from './grants';
import { seedReceiptDonors } from './receipts';
import { createRng } from './random';

export { DEMO_LOGINS, DEMO_PASSWORD };
export const DEMO_SEED = 20_261_124;

export interface SeedOptions {
  /** Same seed, same data (names, dates, amounts). */
  seed?: number;
  /** "Now" for the generated history: everything lies before it. */
  clock?: Clock;
  /** Where the links in the generated mails point. */
  baseUrl?: string;
  /** How many members (default 240). */
  members?: number;
}

/**
 * Fills an empty, migrated database with demo data, in one transaction. Each area adds its
 * generator below with its own forked random stream, after the areas it builds on.
 */
export async function seedDemo(db: Kysely<DB>, options: SeedOptions = {}) {
  const rng = createRng(options.seed ?? DEMO_SEED);
  const clock = options.clock ?? systemClock;
  const config = loadConfig({ BASE_URL: options.baseUrl, LOG_LEVEL: 'silent' });
  return db.transaction().execute(async (trx) => {
    const foundation = await seedFoundation(trx, rng.fork('foundation'), clock, config);
    const members = await seedMembers(trx, rng.fork('members'), clock, config, { members: options.members });
    const donations = await seedDonations(trx, rng.fork('donations'), clock, config);
    const receipts = await seedReceiptDonors(trx, rng.fork('receipts'), clock);
    const grants = await seedGrants(trx, rng.fork('grants'), clock);
    // donations, receipts, grants: each area adds its generator here …
    const count = async (table: 'users' | 'audit_log' | 'outbox') =>
      (await trx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    return { ...foundation, ...members, ...donations, ...receipts, ...grants, users: await count('users'), auditEntries: await count('audit_log'), outboxMails: await count('outbox') };
  });
}
