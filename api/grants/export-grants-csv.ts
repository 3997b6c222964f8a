import type { Executor } from '../deps';
import { toExcelCsv } from '../lib/csv';
import { formatDate } from '../lib/dates';
import { GRANT_STATUS_LABELS, GRANT_STATUSES } from '../lib/grants';
import { formatAmount } from '../lib/money';
import { listApplications, type ApplicationListFilter } from './queries';

const date = (d: string | null) => (d ? formatDate(d) : null);
const amount = (c: number | null) => (c === null ? null : formatAmount(c));

/** The applications as an Excel-ready CSV (German headers, dates and amounts), in pipeline order. */
export async function exportGrantsCsv(db: Executor, filter: ApplicationListFilter): Promise<string> {
  const rows = await listApplications(db, filter);
  rows.sort((a, b) => GRANT_STATUSES.indexOf(a.status) - GRANT_STATUSES.indexOf(b.status) || a.title.localeCompare(b.title, 'de'));
  return toExcelCsv(
    ['Nr.', 'Titel', 'Projekt', 'Fördermittelgeber', 'Programm', 'Verantwortlich', 'Status', 'Status seit', 'Eingereicht am', 'Beantragt', 'Bewilligt', 'Eigenanteil', 'Projektbeginn', 'Projektende', 'Auflagen', 'Notizen'],
    rows.map((a) => [
      a.id,
      a.title,
      a.project,
      a.funder_name,
      a.funder_programme,
      a.responsible_name,
      GRANT_STATUS_LABELS[a.status].de,
      date(a.status_since),
      date(a.submitted_on),
      amount(a.requested_cents),
      amount(a.approved_cents),
      amount(a.own_contribution_cents),
      date(a.period_from),
      date(a.period_to),
      a.conditions,
      a.notes,
    ]),
  );
}
