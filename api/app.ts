import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { sql } from 'kysely';
import { webAdminRoutes } from '../web/admin/routes';
import { cssRoute, donateScriptRoute, ibanCheckRoute } from '../web/assets';
import { webApplyRoutes } from '../web/apply/routes';
import { allowFraming, webDonateRoutes } from '../web/donate/routes';
import { webDonationEmbedRoutes } from '../web/donations/embed';
import { webDonationLedgerRoutes } from '../web/donations/ledger';
import { webApplicationRoutes } from '../web/members/applications';
import { webAuthRoutes } from '../web/auth/routes';
import { webHomeRoutes } from '../web/home/routes';
import { webMemberRoutes } from '../web/members/routes';
import { memberImportRoutes } from '../web/members/import';
import { webDuesRoutes } from '../web/dues/routes';
import { webCardPaymentRoutes } from '../web/dues/card-payment';
import { webSepaRoutes } from '../web/sepa/routes';
import { webSettingsRoutes } from '../web/settings/routes';
import { webPortalRoutes } from '../web/portal/routes';
import { webDonorPortalRoutes } from '../web/donor-portal/routes';
import { webReceiptRoutes } from '../web/receipts/routes';
import { registerReceiptRoutes } from './receipts/routes';
import { registerGrantDeadlineRoutes } from './grants/deadline-routes';
import { registerGrantMoneyRoutes } from './grants/money-routes';
import { registerGrantRoutes } from './grants/routes';
import { webGrantDeadlineRoutes } from '../web/grants/deadline-routes';
import { webGrantFinanceRoutes } from '../web/grants/finance-routes';
import { webGrantRoutes } from '../web/grants/routes';
import { webReportRoutes } from '../web/reports/routes';
import { registerReportRoutes } from './reports/routes';
import { apiDocsPage } from '../web/api-docs';
import { createApiV1, openApiDocument } from './api-v1';
import { webhookRoutes } from './donations/webhook-routes';
import { annualRunRoutes } from './receipts/annual-routes';
import { webStripeEventRoutes } from '../web/admin/stripe-events';
import type { Deps } from './deps';
import type { AppEnv } from './http/context';
import { AppError, msg } from './http/errors';
import { allowStripeFormRedirect, authorize, csrf, identify, language } from './http/middleware';
import { flash } from '../web/flash';
import { notFound, onError } from './http/on-error';
import { GRANT_DOCUMENT_MAX_BYTES } from './lib/grants';

/**
 * The one place that knows every area's routes. `resolveDeps` comes from the entry point:
 * fixed on Node, made per request on Workers (bindings arrive with the request).
 */
const IMPORT_UPLOAD = '/members/import/preview';

export function createApp(resolveDeps: (c: { env: unknown; executionCtx?: unknown }) => Deps | Promise<Deps>) {
  const app = new Hono<AppEnv>();

  app.use(requestId());
  app.use(async (c, next) => {
    const deps = await resolveDeps(c as never);
    c.set('deps', deps);
    const started = performance.now();
    await next();
    const identity = c.get('identity');
    deps.logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path, // never the query string: it may hold a reset link's token
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        ...(identity?.kind === 'user' ? { userId: identity.user.id } : identity?.kind === 'token' ? { apiToken: identity.token.id } : {}),
      },
      'request',
    );
  });
  // the donation form for other websites' iframes: before secureHeaders, so it can lift frame-ancestors
  app.use('/donate/embed', allowFraming);
  const allowCheckoutRedirect = allowStripeFormRedirect('https://checkout.stripe.com');
  const allowBillingPortalRedirect = allowStripeFormRedirect('https://billing.stripe.com');
  app.use('/donate', allowCheckoutRedirect);
  // the card payment link of a dues notice sends the member on to Stripe Checkout too
  app.use('/pay/dues/*', allowCheckoutRedirect);
  // the donor's monthly-gift pages (and their re-rendered forms) may send the donor on to Stripe's customer portal
  app.use('/donor/monthly', allowBillingPortalRedirect);
  app.use('/donor/monthly/*', allowBillingPortalRedirect);
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'same-origin',
    }),
  );
  app.use(language);
  app.use((c, next) => {
    const documentUpload = /^\/grants\/\d+\/documents$/.test(c.req.path);
    return bodyLimit({
      // A member list of 10,000 rows is ~1.7 MB: its upload may be larger than other requests.
      // A grant document may be 10 MB, plus the form around it.
      maxSize: Math.max(c.get('deps').config.BODY_LIMIT_KB, c.req.path === IMPORT_UPLOAD ? 4096 : 0, documentUpload ? GRANT_DOCUMENT_MAX_BYTES / 1024 + 512 : 0) * 1024,
      onError: () => {
        throw documentUpload
          ? new AppError('payload_too_large', msg('Die Datei ist zu groß: ein Dokument darf höchstens 10 MB haben. Nichts wurde gespeichert.', 'The file is too large: a document may have 10 MB at most. Nothing was stored.'))
          : new AppError('payload_too_large');
      },
    })(c, next);
  });
  app.use(identify, authorize, csrf, flash);

  app.get('/health', async (c) => {
    const deps = c.get('deps');
    try {
      await sql`select 1`.execute(deps.db);
      return c.json({ status: 'ok', database: deps.engine });
    } catch (error) {
      deps.logger.error({ error: String(error) }, 'health check failed');
      return c.json({ status: 'error', database: 'unreachable' }, 503);
    }
  });
  app.get('/assets/app.css', cssRoute);
  app.get('/assets/iban-check.js', ibanCheckRoute);
  app.get('/assets/donate.js', donateScriptRoute);

  const api = createApiV1();
  registerReceiptRoutes(api);
  registerGrantRoutes(api);
  registerGrantMoneyRoutes(api);
  registerGrantDeadlineRoutes(api);
  registerReportRoutes(api);
  app.route('/api/v1', api);
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(api)));
  app.get('/api/docs', (c) => c.html(apiDocsPage(c, openApiDocument(api))));

  app.route('/', webHomeRoutes());
  app.route('/', webAuthRoutes());
  app.route('/', webSettingsRoutes());
  app.route('/', webAdminRoutes());
  app.route('/', webApplyRoutes());
  app.route('/', webDonateRoutes());
  app.route('/', webDonationEmbedRoutes()); // before /donations/:id
  app.route('/', webDonationLedgerRoutes());
  app.route('/', annualRunRoutes()); // the annual receipt run, before /receipts/:id
  app.route('/', webReceiptRoutes());
  app.route('/', webGrantDeadlineRoutes()); // /grants/calendar, before /grants/:id
  app.route('/', webGrantFinanceRoutes());
  app.route('/', webGrantRoutes());
  app.route('/', webReportRoutes());
  app.route('/', memberImportRoutes()); // before /members/:id
  app.route('/', webApplicationRoutes()); // before /members/:id
  app.route('/', webMemberRoutes());
  app.route('/', webDuesRoutes());
  app.route('/', webCardPaymentRoutes());
  app.route('/', webSepaRoutes());
  app.route('/', webPortalRoutes());
  app.route('/', webDonorPortalRoutes());
  app.route('/', webhookRoutes());
  app.route('/', webStripeEventRoutes());

  app.onError(onError);
  app.notFound(notFound);
  return app;
}

export type App = ReturnType<typeof createApp>;
