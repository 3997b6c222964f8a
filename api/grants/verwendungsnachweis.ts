import { renderVerwendungsnachweis, type NachweisData } from '../../templates/pdf/verwendungsnachweis';
import type { Deps, Executor } from '../deps';
import { toExcelCsv } from '../lib/csv';
import { berlinToday, formatDate } from '../lib/dates';
import { FUNDING_KIND_LABELS, PLAN_CATEGORY_LABELS } from '../lib/grants';
import { formatAmount } from '../lib/money';
import { grantFinances } from './grant-finances';
import { associationForNachweis } from './money-queries';

/**
 * The numerical part of the Verwendungsnachweis (final report to the funder) as a draft: the same
 * numbers as the finances page, as PDF to read and CSV to copy into the funder's form.
 */
export async function verwendungsnachweisData(db: Executor, applicationId: number, deps: Pick<Deps, 'clock'>): Promise<NachweisData> {
  const [f, association] = await Promise.all([grantFinances(db, applicationId), associationForNachweis(db)]);
  const a = f.application;
  return {
    association: { name: association?.name ?? '', address: association ? `${association.street}, ${association.postal_code} ${association.city}` : '' },
    funder: { name: a.funder_name, programme: a.funder_programme },
    title: a.title,
    project: a.project,
    periodFrom: a.period_from,
    periodTo: a.period_to,
    approvedCents: a.approved_cents,
    asOf: berlinToday(deps.clock.now()),
    income: f.financing.sources.map((s) => ({ kind: FUNDING_KIND_LABELS[s.kind].de, label: s.label, plannedCents: s.planned_cents, actualCents: s.actual_cents })),
    incomePlannedCents: f.financing.planned_cents,
    receivedCents: f.financing.received_cents,
    receivedUnplannedCents: f.financing.received_unplanned_cents,
    expenses: f.plan.lines.map((l) => ({ category: PLAN_CATEGORY_LABELS[l.category].de, label: l.label, plannedCents: l.planned_cents, actualCents: l.actual_cents, differenceCents: l.difference_cents })),
    expensePlannedCents: f.plan.planned_cents,
    expenseActualCents: f.plan.actual_cents,
    receipts: f.expenses.map((e) => ({ date: e.spent_on, ref: e.receipt_ref, description: e.description, line: e.plan_line_label, amountCents: e.amount_cents })),
    balanceCents: f.financing.received_cents - f.plan.actual_cents,
  };
}

export async function verwendungsnachweisPdf(db: Executor, applicationId: number, deps: Pick<Deps, 'clock'>) {
  const data = await verwendungsnachweisData(db, applicationId, deps);
  return { data, pdf: await renderVerwendungsnachweis(data) };
}

export const NACHWEIS_CSV_HEADER = ['Abschnitt', 'Datum', 'Beleg-Nr.', 'Art/Kategorie', 'Position', 'Beschreibung', 'Soll', 'Ist', 'Differenz'];

/** One table for the funder's form: income, expenses per plan line, every receipt, each with its sum row. */
export async function verwendungsnachweisCsv(db: Executor, applicationId: number, deps: Pick<Deps, 'clock'>) {
  const d = await verwendungsnachweisData(db, applicationId, deps);
  const amount = (cents: number | null) => (cents === null ? null : formatAmount(cents));
  const rows: (string | number | null)[][] = [
    ...d.income.map((r) => ['Einnahmen', null, null, r.kind, r.label, null, amount(r.plannedCents), amount(r.actualCents), r.actualCents === null ? null : amount(r.plannedCents - r.actualCents)]),
    ...(d.receivedUnplannedCents > 0 ? [['Einnahmen', null, null, FUNDING_KIND_LABELS.this_grant.de, 'Erhaltene Zuwendung (nicht im Finanzierungsplan)', null, amount(0), amount(d.receivedUnplannedCents), null]] : []),
    ['Einnahmen Summe', null, null, null, null, null, amount(d.incomePlannedCents), amount(d.receivedCents), null],
    ...d.expenses.map((r) => ['Ausgaben', null, null, r.category, r.label, null, amount(r.plannedCents), amount(r.actualCents), amount(r.differenceCents)]),
    ['Ausgaben Summe', null, null, null, null, null, amount(d.expensePlannedCents), amount(d.expenseActualCents), amount(d.expensePlannedCents - d.expenseActualCents)],
    ...d.receipts.map((r) => ['Beleg', formatDate(r.date), r.ref, null, r.line, r.description, null, amount(r.amountCents), null]),
    ['Belege Summe', null, null, null, null, `${d.receipts.length} Belege`, null, amount(d.expenseActualCents), null],
  ];
  return { data: d, csv: toExcelCsv(NACHWEIS_CSV_HEADER, rows) };
}

/** "Verwendungsnachweis-12-Beratung-fuer-Geduldete" */
export function nachweisFilename(id: number, title: string, ext: 'pdf' | 'csv') {
  const slug = title
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue').replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `Verwendungsnachweis-Entwurf-${id}${slug ? `-${slug}` : ''}.${ext}`;
}
