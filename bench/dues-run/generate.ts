// Data for bench/dues-run: an association with N members written straight into the tables with
// batched multi-row inserts (the generator is not what is measured). Deterministic: the same
// seed gives the same members on every run and machine.
import { isValidIBAN } from 'ibantools';
import { germanIban } from '../../db/seed/iban';
import { SAMPLE_ASSOCIATION } from '../../db/seed/sample-association';
import { FIRST, LAST, rng, STREETS } from '../data';
import { sql, type Kysely } from 'kysely';
import { insertAssociation } from '../../api/settings/queries';
import { mandateReferenceFor } from '../../api/lib/sepa-text';
import type { DB, FeeInterval, MemberLanguage, MemberStatus, PaymentMethod } from '../../db/schema';

const CITIES: [string, string][] = [['Berlin', '10997'], ['Berlin', '12047'], ['Berlin', '13353'], ['Hamburg', '20095'], ['München', '80331'], ['Köln', '50667'], ['Leipzig', '04109'], ['Duisburg', '47051']];
/** Bankleitzahlen of real German banks (the account numbers are made up). */
const BANK_CODES = ['10010010', '10020500', '12030000', '10050000', '50010517', '43060967', '37040044', '10070000', '20050550', '60050101'];
const LANGUAGES: MemberLanguage[] = ['de', 'de', 'de', 'de', 'tr', 'ar', 'en'];

/** Three membership types; the share of members on each, and what they charge (cents). */
export const MEMBERSHIP_TYPES: { name: string; interval: FeeInterval; fee_cents: number; reduced_fee_cents: number; share: number }[] = [
  { name: 'Mitglied (jährlich)', interval: 'yearly', fee_cents: 6000, reduced_fee_cents: 3000, share: 0.6 },
  { name: 'Mitglied (vierteljährlich)', interval: 'quarterly', fee_cents: 1500, reduced_fee_cents: 750, share: 0.25 },
  { name: 'Mitglied (monatlich)', interval: 'monthly', fee_cents: 500, reduced_fee_cents: 250, share: 0.15 },
];



const ascii = (s: string) =>
  s
    .replace(/ı/g, 'i')
    .normalize('NFKD')
    .replace(/[^A-Za-z-]/g, '')
    .toLowerCase();

export interface GeneratedStats {
  members: number;
  active: number;
  left: number;
  familyMembers: number;
  debitPayers: number;
  transferPayers: number;
  activeMandates: number;
  byInterval: Record<string, number>;
}

/** Inserts rows in multi-row statements, under PostgreSQL's 65,535 bind parameters per statement. */
async function insertBatched<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  const perRow = Object.keys(rows[0]!).length;
  const size = Math.floor(30_000 / perRow);
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

/**
 * Members joined over the ten years up to `today`; ~5 % have left, ~10 % are family members paid
 * for by another member, ~70 % of those paying for themselves pay by SEPA debit with an active
 * mandate, the rest by transfer. Everyone has an e-mail address.
 */
export async function generateAssociation(db: Kysely<DB>, options: { members: number; seed?: number; today: string }): Promise<GeneratedStats> {
  const r = rng(options.seed ?? 20261201);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const at = new Date(`${options.today}T08:00:00Z`);
  const todayMs = Date.parse(`${options.today}T00:00:00Z`);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const tenYears = 10 * 365 * 86_400_000;

  await insertAssociation(db, SAMPLE_ASSOCIATION, at);
  const types = await db
    .insertInto('membership_types')
    .values(MEMBERSHIP_TYPES.map(({ share: _, ...t }) => ({ ...t, active: true, created_at: at })))
    .returning(['id', 'interval'])
    .execute();
  const typeFor = (roll: number) => {
    let sum = 0;
    for (let i = 0; i < MEMBERSHIP_TYPES.length; i++) {
      sum += MEMBERSHIP_TYPES[i]!.share;
      if (roll < sum) return types[i]!;
    }
    return types[types.length - 1]!;
  };

  const stats: GeneratedStats = { members: options.members, active: 0, left: 0, familyMembers: 0, debitPayers: 0, transferPayers: 0, activeMandates: 0, byInterval: {} };
  const members: Record<string, unknown>[] = [];
  const mandates: Record<string, unknown>[] = [];
  /** Active members paying for themselves: who a family member may be paid by. */
  const payers: { id: number; last_name: string; payment_method: PaymentMethod; type: (typeof types)[number]; join: number }[] = [];

  for (let id = 1; id <= options.members; id++) {
    const first = pick(FIRST);
    const [city, postal] = pick(CITIES);
    const payer = payers.length > 20 && r() < 0.1 ? pick(payers) : null;
    const last = payer && r() < 0.8 ? payer.last_name : pick(LAST);
    // A family member joins with or after the payer, on the payer's type at the reduced fee.
    const join = payer ? payer.join + Math.floor(r() * (todayMs - payer.join)) : todayMs - Math.floor(r() * tenYears);
    const left = !payer && r() < 0.055;
    const exit = left ? join + Math.floor(r() * (todayMs - join)) : null;
    const status: MemberStatus = left ? 'left' : 'active';
    const type = payer ? payer.type : typeFor(r());
    const paymentMethod: PaymentMethod = payer ? payer.payment_method : r() < 0.7 ? 'sepa_debit' : 'transfer';
    members.push({
      id,
      member_number: id,
      first_name: first,
      last_name: last,
      street: `${pick(STREETS)} ${1 + Math.floor(r() * 180)}`,
      postal_code: postal,
      city,
      country: 'DE',
      email: `${ascii(first)}.${ascii(last)}.${id}@example.org`,
      phone: r() < 0.5 ? `+49 ${30 + Math.floor(r() * 60)} ${1000000 + Math.floor(r() * 8999999)}` : null,
      birth_date: day(Date.parse('1945-01-01T00:00:00Z') + Math.floor(r() * 60 * 365 * 86_400_000)),
      join_date: day(join),
      exit_date: exit === null ? null : day(exit),
      status,
      membership_type_id: type.id,
      reduced_fee: payer !== null || r() < 0.15,
      payment_method: paymentMethod,
      payer_member_id: payer?.id ?? null,
      language: pick(LANGUAGES),
      created_at: at,
      updated_at: at,
    });
    stats[left ? 'left' : 'active']++;
    stats.byInterval[type.interval] = (stats.byInterval[type.interval] ?? 0) + 1;
    if (payer) {
      stats.familyMembers++;
      continue;
    }
    if (!left) payers.push({ id, last_name: last, payment_method: paymentMethod, type, join });
    if (paymentMethod === 'transfer') {
      stats.transferPayers++;
      continue;
    }
    stats.debitPayers++;
    // A member who has left keeps the mandate only while a claim of theirs may still be collected.
    const revoked = exit !== null && day(exit) < options.today.slice(0, 4) + '-01-01';
    const signedOn = day(join);
    const iban = germanIban(pick(BANK_CODES), 1_000_000 + Math.floor(r() * 8_999_999_999));
    if (!isValidIBAN(iban)) throw new Error(`generated an invalid IBAN ${iban}`);
    mandates.push({
      member_id: id,
      reference: mandateReferenceFor(id, 1),
      signed_on: signedOn,
      iban,
      bic: null,
      account_holder: `${first} ${last}`,
      status: revoked ? 'revoked' : 'active',
      // Used in last December's collection, unless signed since (then the next debit is FRST).
      last_collected_on: signedOn < `${Number(options.today.slice(0, 4)) - 1}-12-15` ? `${Number(options.today.slice(0, 4)) - 1}-12-15` : null,
      revoked_on: revoked ? day(exit!) : null,
      revoked_reason: revoked ? 'Austritt' : null,
      created_at: at,
    });
    if (!revoked) stats.activeMandates++;
  }

  await insertBatched(db, 'members', members);
  await insertBatched(db, 'sepa_mandates', mandates);
  // Ids and numbers were set explicitly: move the generators past them, as the app draws from them.
  await sql`select setval(pg_get_serial_sequence('members', 'id'), ${options.members})`.execute(db);
  await sql`select setval('member_number_seq', ${options.members})`.execute(db);
  // A database in use has statistics (autovacuum); fresh bulk-loaded tables would not.
  await sql`analyze`.execute(db);
  return stats;
}
