import type { DuesJoinRule, FeeInterval } from '../../db/schema';
import { formatDate } from './dates';
import { memberDaysIn, periodDays, periodLabel, periodsStartingIn, proRata, type Period } from './periods';

export interface DuesMember {
  join_date: string;
  exit_date: string | null;
  reduced_fee: boolean;
  fee_cents: number;
  reduced_fee_cents: number | null;
  interval: FeeInterval;
}

export interface DueClaim {
  period: Period;
  label: string;
  due_date: string;
  amount_cents: number;
  prorated: boolean;
}

/**
 * What a member owes for the periods of their interval that start within [from, to]:
 * - no claim for a period the membership does not touch;
 * - joining mid-period: nothing for that period ('next_period') or the share of its days
 *   ('pro_rata'); leaving mid-period: the full fee ('next_period': the period had begun) or the
 *   share of days ('pro_rata');
 * - the reduced fee where the member has one; a fee of 0 makes no claim.
 */
export function duesFor(member: DuesMember, rule: DuesJoinRule, from: string, to: string): DueClaim[] {
  const fee = member.reduced_fee && member.reduced_fee_cents !== null ? member.reduced_fee_cents : member.fee_cents;
  if (fee <= 0) return [];
  const claims: DueClaim[] = [];
  for (const period of periodsStartingIn(member.interval, from, to)) {
    const days = memberDaysIn(period, member.join_date, member.exit_date);
    if (days === 0) continue;
    const joinedLate = member.join_date > period.start;
    const full = periodDays(period);
    let amount = fee;
    if (rule === 'next_period' && joinedLate) continue;
    if (rule === 'pro_rata' && days < full) amount = proRata(fee, days, full);
    if (amount <= 0) continue;
    const prorated = amount !== fee;
    const label = `Mitgliedsbeitrag ${periodLabel(member.interval, period)}${prorated ? ` (anteilig ab ${formatDate(joinedLate ? member.join_date : period.start)})` : ''}`;
    claims.push({ period, label, due_date: joinedLate ? member.join_date : period.start, amount_cents: amount, prorated });
  }
  return claims;
}
