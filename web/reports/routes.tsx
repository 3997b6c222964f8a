import { Hono } from 'hono';
import type { AppEnv } from '../../api/http/context';
import { dashboardFigures } from '../../api/reports/dashboard-figures';
import { DashboardPage } from './dashboard';

/**
 * GET /dashboard?period=2026 | 2026-Q3 | from=YYYY-MM-DD&to=YYYY-MM-DD: the finance dashboard.
 * A period that is no period (unreadable, end before start, in the future) shows the default
 * period with the message above it, answered 422: never an error page.
 */
export function webReportRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/dashboard', async (c) => {
    const deps = c.get('deps');
    const input = { period: c.req.query('period')?.slice(0, 40), from: c.req.query('from')?.slice(0, 40), to: c.req.query('to')?.slice(0, 40) };
    const { figures, error } = await dashboardFigures(deps.db, input, deps);
    return c.html(<DashboardPage c={c} f={figures} error={error} input={input} />, error ? 422 : 200);
  });

  return app;
}
