import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { duesFor } from '../lib/dues';
import { sendClaimNotices } from './send-claim-notices';
import { getAssociation } from '../settings/queries';
import { claimedPeriodsOverlapping, insertClaims, insertDuesRun, membersOwingIn, updateDuesRunCounts, type NewClaim } from './queries';
import type { DuesRunInput } from './schemas';

/**
 * A dues run: one claim per member and billing period starting in [from, to], billed to the
 * member who pays (the family's payer, where set). Idempotent: a period already claimed for a
 * member (also by an overlapping period of another interval) is skipped and counted, so a
 * second run for the same range creates nothing and says so. Payers who pay by transfer get
 * their payment request with the run (send-claim-notices.ts).
 */
export async function runDues(trx: Executor, input: DuesRunInput & { actor: Actor }, deps: Pick<Deps, 'clock'> & Partial<Pick<Deps, 'payments' | 'config'>>) {
  const rule = (await getAssociation(trx))?.dues_join_rule ?? 'next_period';
  const [members, claimed] = await Promise.all([
    membersOwingIn(trx, input.period_from, input.period_to),
    claimedPeriodsOverlapping(trx, input.period_from, input.period_to),
  ]);
  const claimedBy = new Map<number, { period_start: string; period_end: string }[]>();
  for (const c of claimed) {
    const list = claimedBy.get(c.member_id);
    if (list) list.push(c);
    else claimedBy.set(c.member_id, [c]);
  }

  const claims: NewClaim[] = [];
  let skipped = 0;
  for (const m of members) {
    for (const due of duesFor({ ...m, join_date: m.join_date! }, rule, input.period_from, input.period_to)) {
      const overlaps = claimedBy.get(m.id)?.some((c) => c.period_start <= due.period.end && c.period_end >= due.period.start) ?? false;
      if (overlaps) {
        skipped++;
        continue;
      }
      claims.push({
        member_id: m.id,
        debtor_member_id: m.payer_member_id ?? m.id,
        membership_type_id: m.membership_type_id,
        period_start: due.period.start,
        period_end: due.period.end,
        label: due.label,
        due_date: due.due_date,
        amount_cents: due.amount_cents,
        prorated: due.prorated,
      });
    }
  }
  const now = deps.clock.now();
  const run = await insertDuesRun(trx, {
    period_from: input.period_from,
    period_to: input.period_to,
    created_at: now,
    actor: input.actor.label,
    claims_created: 0,
    amount_created_cents: 0,
    claims_skipped: 0,
  });
  const inserted = await insertClaims(trx, claims, run.id, now);
  // A claim made by a concurrent run between our read and our insert is skipped by the unique index.
  const counts = { claims_created: inserted.created, amount_created_cents: inserted.amount, claims_skipped: skipped + (claims.length - inserted.created) };
  await updateDuesRunCounts(trx, run.id, counts);
  await writeAudit(
    trx,
    { actor: input.actor, action: 'dues_run.created', entity: 'dues_run', entityId: run.id, after: { period_from: input.period_from, period_to: input.period_to, rule, ...counts } },
    deps,
  );
  // Payment requests (with GiroCode) to transfer payers, in this transaction: exactly when the claims exist.
  const notices = await sendClaimNotices(trx, { duesRunId: run.id }, deps);
  return { ...run, ...counts, notices };
}
