import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../api/http/context';
import { validationError } from '../../api/http/errors';
import { dashboardFigures } from '../../api/reports/dashboard-figures';
import { kassenberichtPdf } from '../../api/reports/kassenbericht';
import { DashboardPage } from './dashboard';

/**
 * GET /dashboard?period=2026 | 2026-Q3 | from=YYYY-MM-DD&to=YYYY-MM-DD: the finance dashboard.
 * A period that is no period (unreadable, end before start, in the future) shows the default
 * period with the message above it, answered 422: never an error page.
 * GET /dashboard/kassenbericht.pdf with the same parameters: the Kassenbericht of that period;
 * a period that is no period answers 422 with the dashboard's message and no PDF.
 */
const periodInput = (c: AppContext) => ({ period: c.req.query('period')?.slice(0, 40), from: c.req.query('from')?.slice(0, 40), to: c.req.query('to')?.slice(0, 40) });

export function webReportRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/dashboard', async (c) => {
    const deps = c.get('deps');
    const input = periodInput(c);
    const { figures, error } = await dashboardFigures(deps.db, input, deps);
    return c.html(<DashboardPage c={c} f={figures} error={error} input={input} />, error ? 422 : 200);
  });

  app.get('/dashboard/kassenbericht.pdf', async (c) => {
    const deps = c.get('deps');
    const result = await kassenberichtPdf(deps.db, periodInput(c), deps);
    if (result.error) throw validationError([{ field: result.error.field, message: result.error.message }], result.error.message);
    return c.body(result.pdf as unknown as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${result.filename}"`,
      'cache-control': 'no-store',
    });
  });

  return app;
}
