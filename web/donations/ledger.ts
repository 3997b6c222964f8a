import { Hono } from 'hono';
import type { AppEnv } from '../../api/http/context';
import { webDonorRoutes } from './donors';
import { webDonationRoutes } from './routes';
import { webDonationSettingsRoutes } from './settings';

/** The treasurer's donations ledger: settings and donors first, so their paths win over /donations/:id. */
export function webDonationLedgerRoutes() {
  const app = new Hono<AppEnv>();
  app.route('/', webDonationSettingsRoutes());
  app.route('/', webDonorRoutes());
  app.route('/', webDonationRoutes());
  return app;
}
