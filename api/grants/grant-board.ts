import type { GrantStatus } from '../../db/schema';
import type { Executor } from '../deps';
import { APPROVED_STATUSES, GRANT_STATUSES, OPEN_STATUSES } from '../lib/grants';
import { listApplications, receivedBetween, type ApplicationListFilter, type ApplicationRow } from './queries';

export interface BoardColumn {
  status: GrantStatus;
  count: number;
  /** requested before the decision and when refused; approved (else requested) once approved */
  sumCents: number;
  applications: ApplicationRow[];
}

/** What an application is worth on the board: the approved amount once the funder said yes. */
export function boardAmount(a: Pick<ApplicationRow, 'status' | 'requested_cents' | 'approved_cents'>) {
  return APPROVED_STATUSES.includes(a.status) ? (a.approved_cents ?? a.requested_cents) : a.requested_cents;
}

/**
 * The pipeline board: every status in pipeline order with its applications, count and sum, and
 * the totals requested (open applications), approved (statuses after a yes) and received in the
 * current Berlin year.
 */
export async function grantBoard(db: Executor, filter: ApplicationListFilter, today: string) {
  const year = today.slice(0, 4);
  const [rows, receivedThisYear] = await Promise.all([listApplications(db, filter), receivedBetween(db, `${year}-01-01`, `${year}-12-31`, filter)]);
  const columns: BoardColumn[] = GRANT_STATUSES.map((status) => {
    const applications = rows.filter((r) => r.status === status);
    return { status, count: applications.length, sumCents: applications.reduce((s, a) => s + boardAmount(a), 0), applications };
  });
  const requestedOpenCents = rows.filter((r) => OPEN_STATUSES.includes(r.status)).reduce((s, a) => s + a.requested_cents, 0);
  const approvedCents = rows.filter((r) => APPROVED_STATUSES.includes(r.status)).reduce((s, a) => s + (a.approved_cents ?? 0), 0);
  return { columns, total: rows.length, totals: { requestedOpenCents, approvedCents, receivedThisYearCents: receivedThisYear, year: Number(year) } };
}
