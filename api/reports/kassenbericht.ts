import { renderKassenbericht } from '../../templates/pdf/kassenbericht';
import type { Deps, Executor } from '../deps';
import type { ReportPeriodInput, ReportPeriods } from '../lib/report-periods';
import { getAssociation } from '../settings/queries';
import { dashboardFigures, type DashboardFigures } from './dashboard-figures';

/**
 * The Kassenbericht (treasurer's report for the general assembly) of a period as PDF: exactly the
 * figures of dashboardFigures — the operation the dashboard page and the JSON API call — printed
 * by templates/pdf/kassenbericht.ts, so the report and the dashboard cannot disagree. A period that
 * is no period gives no PDF, only the dashboard's message (`error`), for the route to answer 422.
 */
export type KassenberichtResult =
  | { error: NonNullable<ReportPeriods['error']>; figures: DashboardFigures; pdf: null; filename: null }
  | { error: null; figures: DashboardFigures; pdf: Buffer; filename: string };

export async function kassenberichtPdf(db: Executor, input: ReportPeriodInput, deps: Pick<Deps, 'clock'>): Promise<KassenberichtResult> {
  const [{ figures, error }, association] = await Promise.all([dashboardFigures(db, input, deps), getAssociation(db)]);
  if (error) return { error, figures, pdf: null, filename: null };
  const pdf = await renderKassenbericht({
    association: { name: association?.name ?? 'Kassenwart', address: association ? `${association.street}, ${association.postal_code} ${association.city}` : '' },
    createdAt: deps.clock.now(),
    figures,
  });
  return { error: null, figures, pdf, filename: kassenberichtFilename(figures.period) };
}

/** "Kassenbericht-2026.pdf", "Kassenbericht-2026-Q3.pdf", "Kassenbericht-2026-03-01_2026-06-30.pdf" */
export function kassenberichtFilename(period: Pick<DashboardFigures['period'], 'kind' | 'key' | 'from' | 'to'>): string {
  const name = period.kind === 'year' || period.kind === 'quarter' ? period.key : `${period.from}_${period.to}`;
  return `Kassenbericht-${name}.pdf`;
}
