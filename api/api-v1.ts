import { registerAuditRoutes } from './audit/routes';
import { registerAuthRoutes } from './auth/routes';
import { ACCESS } from './http/access';
import { apiRouter, type ApiRouter } from './http/openapi';
import { registerMailRoutes } from './mail/routes';
import { registerMemberRoutes } from './members/routes';
import { registerDuesRoutes } from './dues/routes';
import { registerDonationLedgerRoutes } from './donations/ledger-routes';
import { registerSettingsRoutes } from './settings/routes';

/** The JSON API under /api/v1. Each area adds its routes here. */
export function createApiV1() {
  const api = apiRouter();
  api.openAPIRegistry.registerComponent('securitySchemes', 'apiToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'API-Token (Einstellungen → API-Tokens) / API token created by an admin',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'kw_session',
    description: 'Sitzung der Weboberfläche; ändernde Anfragen brauchen zusätzlich X-CSRF-Token / web session; changing requests also need X-CSRF-Token',
  });
  registerAuthRoutes(api);
  registerSettingsRoutes(api);
  registerAuditRoutes(api);
  registerMailRoutes(api);
  registerMemberRoutes(api);
  registerDuesRoutes(api);
  registerDonationLedgerRoutes(api);
  return api;
}

/** OpenAPI 3.1 from the same zod schemas that validate the requests, plus who may call what. */
export function openApiDocument(api: ApiRouter) {
  const doc = api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Kassenwart API',
      version: '1',
      description:
        'Mitglieder, Beiträge, Spenden, Zuwendungsbestätigungen und Fördermittel eines e.V. Fehler kommen als application/problem+json (RFC 9457), deutsch oder mit Accept-Language: en englisch. / Membership, dues, donations, receipts and grants of a German e.V. Errors are application/problem+json.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ apiToken: [] }, { session: [] }],
  });
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, { description?: string; 'x-access'?: unknown }>)) {
      const key = `${method.toUpperCase()} /api/v1${path.replace(/\{(\w+)\}/g, ':$1')}`;
      const access = ACCESS[key];
      if (!access) continue;
      const who = access === 'public' ? 'public' : access === 'authenticated' ? 'any login' : access === 'portal' ? 'member portal' : access === 'donor' ? 'donor portal' : access.join(', ');
      op['x-access'] = access;
      op.description = `${op.description ? op.description + '\n\n' : ''}Zugriff / access: ${who}`;
    }
  }
  return doc;
}
