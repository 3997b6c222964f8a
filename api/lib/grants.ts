import type { FunderKind, GrantDeadlineKind, GrantFundingKind, GrantPlanCategory, GrantStatus } from '../../db/schema';

/**
 * Grant tracking, the pure part (api/grants/README.md): the pipeline of an application, the
 * state of a deadline, and the German and English names of every kind. No I/O.
 */

type Label = { de: string; en: string };

export const GRANT_STATUSES: readonly GrantStatus[] = [
  'idea',
  'in_preparation',
  'submitted',
  'approved',
  'partly_approved',
  'rejected',
  'withdrawn',
  'running',
  'reporting',
  'closed',
];

export const GRANT_STATUS_LABELS: Record<GrantStatus, Label> = {
  idea: { de: 'Idee', en: 'Idea' },
  in_preparation: { de: 'In Vorbereitung', en: 'In preparation' },
  submitted: { de: 'Eingereicht', en: 'Submitted' },
  approved: { de: 'Bewilligt', en: 'Approved' },
  partly_approved: { de: 'Teilweise bewilligt', en: 'Partly approved' },
  rejected: { de: 'Abgelehnt', en: 'Rejected' },
  withdrawn: { de: 'Zurückgezogen', en: 'Withdrawn' },
  running: { de: 'Laufend', en: 'Running' },
  reporting: { de: 'Nachweis', en: 'Reporting' },
  closed: { de: 'Abgeschlossen', en: 'Closed' },
};

/**
 * The moves an application may make. Rejected, withdrawn and closed are ends; a rejected idea
 * is filed again as a new application. An application in preparation may go back to an idea.
 */
export const GRANT_TRANSITIONS: Record<GrantStatus, readonly GrantStatus[]> = {
  idea: ['in_preparation', 'withdrawn'],
  in_preparation: ['submitted', 'idea', 'withdrawn'],
  submitted: ['approved', 'partly_approved', 'rejected', 'withdrawn'],
  approved: ['running', 'withdrawn'],
  partly_approved: ['running', 'withdrawn'],
  rejected: [],
  withdrawn: [],
  running: ['reporting'],
  reporting: ['closed'],
  closed: [],
};

export function canMove(from: GrantStatus, to: GrantStatus): boolean {
  return GRANT_TRANSITIONS[from].includes(to);
}

/** Statuses in which the funder has said yes: the approved amount is money to come. */
export const APPROVED_STATUSES: readonly GrantStatus[] = ['approved', 'partly_approved', 'running', 'reporting', 'closed'];
/** Statuses still in play before the decision. */
export const OPEN_STATUSES: readonly GrantStatus[] = ['idea', 'in_preparation', 'submitted'];
/** Statuses that need an approved amount. */
export const NEEDS_APPROVED_AMOUNT: readonly GrantStatus[] = ['approved', 'partly_approved'];

export const FUNDER_KIND_LABELS: Record<FunderKind, Label> = {
  foundation: { de: 'Stiftung', en: 'Foundation' },
  federal: { de: 'Bund', en: 'Federal programme' },
  state: { de: 'Land', en: 'State programme' },
  municipal: { de: 'Kommune', en: 'Municipality' },
  eu: { de: 'EU', en: 'EU' },
  company: { de: 'Unternehmen', en: 'Company' },
  other: { de: 'Sonstige', en: 'Other' },
};

export const PLAN_CATEGORY_LABELS: Record<GrantPlanCategory, Label> = {
  staff: { de: 'Personal', en: 'Staff' },
  material: { de: 'Sachkosten', en: 'Material' },
  rent: { de: 'Miete', en: 'Rent' },
  travel: { de: 'Reisekosten', en: 'Travel' },
  fees: { de: 'Honorare', en: 'Fees' },
  other: { de: 'Sonstiges', en: 'Other' },
};

export const FUNDING_KIND_LABELS: Record<GrantFundingKind, Label> = {
  this_grant: { de: 'Diese Förderung', en: 'This grant' },
  own_means: { de: 'Eigenmittel', en: 'Own means' },
  other_grant: { de: 'Andere Förderung', en: 'Other grant' },
  other: { de: 'Sonstige Einnahmen', en: 'Other income' },
};

export const DEADLINE_KIND_LABELS: Record<GrantDeadlineKind, Label> = {
  application: { de: 'Antragsfrist', en: 'Application deadline' },
  drawdown: { de: 'Mittelabruf', en: 'Draw-down' },
  interim_report: { de: 'Zwischenbericht', en: 'Interim report' },
  final_report: { de: 'Verwendungsnachweis', en: 'Final report (Verwendungsnachweis)' },
  retention_end: { de: 'Ende der Aufbewahrungsfrist', en: 'End of retention' },
  other: { de: 'Sonstige Frist', en: 'Other deadline' },
};

export type DeadlineState = 'open' | 'done' | 'overdue';

/** Done once marked done; overdue from the day after its date; open before. `today` is Berlin's. */
export function deadlineState(d: { due_on: string; done_on: string | null }, today: string): DeadlineState {
  if (d.done_on) return 'done';
  return d.due_on < today ? 'overdue' : 'open';
}

export const DEADLINE_STATE_LABELS: Record<DeadlineState, Label> = {
  open: { de: 'offen', en: 'open' },
  done: { de: 'erledigt', en: 'done' },
  overdue: { de: 'überfällig', en: 'overdue' },
};

/** Grant documents: at most this large, and of these types (what funders ask for and send). */
export const GRANT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const GRANT_DOCUMENT_TYPES: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'text/csv': 'csv',
};
