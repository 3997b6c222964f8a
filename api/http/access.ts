import type { Role } from '../../db/schema';

/**
 * Who may call what: the one place permissions are declared. Every route of the app has a line
 * here (a test walks app.routes against this table with every role and anonymously); a
 * request that matches no line is answered 404 before any handler runs.
 *
 * 'public'        anyone, logged in or not
 * 'authenticated' any logged-in user or API token
 * Role[]          only these roles
 * 'portal'        only a member logged in to the member portal (never staff, never a token);
 *                 a portal session is no login anywhere else
 * 'donor'         only a donor logged in to the donor portal (never staff, a token or a member
 *                 in the member portal); a donor session is no login anywhere else
 */
export type Access = 'public' | 'authenticated' | 'portal' | 'donor' | readonly Role[];

const ADMIN = ['admin'] as const;
/** Personal and financial data of members: the treasurer's work; admins may step in. */
const TREASURY = ['admin', 'treasurer'] as const;
/** Funding applications: the board follows and edits them with the treasurer; members never see them. */
const GRANTS = ['admin', 'treasurer', 'board'] as const;

export const ACCESS: Record<string, Access> = {
  // the app itself
  'GET /health': 'public',
  'GET /assets/app.css': 'public',
  'GET /assets/iban-check.js': 'public',
  'GET /assets/donate.js': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/docs': 'public',

  // the public online application (Mitgliedsantrag)
  'GET /apply': 'public',
  'POST /apply': 'public',
  'GET /apply/thanks': 'public',

  // the public donation page (api/donations/README.md, step 1), its results and the embed
  'GET /donate': 'public',
  'POST /donate': 'public',
  'GET /donate/thanks': 'public',
  'GET /donate/cancelled': 'public',
  'GET /donate/embed': 'public',
  // the treasurer's snippets for the association's website (before /donations/:id)
  'GET /donations/embed': TREASURY,

  // the card payment link of a dues claim notice (the link's secret is the key)
  'GET /pay/dues/done': 'public',
  'GET /pay/dues/cancelled': 'public',
  'GET /pay/dues/:token': 'public',
  'POST /pay/dues/:token': 'public',

  // first start and login
  'GET /setup': 'public',
  'POST /setup': 'public',
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /logout': 'authenticated',
  'GET /password/forgot': 'public',
  'POST /password/forgot': 'public',
  'GET /password/reset': 'public',
  'POST /password/reset': 'public',
  'GET /invite/accept': 'public',
  'POST /invite/accept': 'public',

  // every logged-in person
  'GET /': 'authenticated',
  'GET /account': 'authenticated',
  'POST /account/password': 'authenticated',

  // admin screens
  'GET /settings': ADMIN,
  'POST /settings': ADMIN,
  'GET /users': ADMIN,
  'POST /users': ADMIN,
  'POST /users/:id': ADMIN,
  'GET /api-tokens': ADMIN,
  'POST /api-tokens': ADMIN,
  'POST /api-tokens/:id/revoke': ADMIN,
  'GET /audit': ADMIN,
  'GET /outbox': ADMIN,
  'POST /outbox/:id/retry': ADMIN,
  'GET /stripe-events': ADMIN,
  'POST /stripe-events/:id/retry': ADMIN,

  // members
  'GET /members': TREASURY,
  'GET /members/new': TREASURY,
  'GET /members/import': TREASURY,
  'GET /members/applications': TREASURY,
  'POST /members/applications/:id/accept': TREASURY,
  'POST /members/applications/:id/decline': TREASURY,
  'POST /members/import/preview': TREASURY,
  'POST /members/import': TREASURY,
  'POST /members': TREASURY,
  'GET /members/export.csv': TREASURY,
  'GET /members/:id': TREASURY,
  'GET /members/:id/edit': TREASURY,
  'POST /members/:id': TREASURY,
  'GET /membership-types': TREASURY,
  'POST /membership-types': TREASURY,
  'POST /membership-types/:id': TREASURY,

  // dues
  'GET /dues': TREASURY,
  'POST /dues/runs': TREASURY,
  'GET /dues/claims': TREASURY,
  'GET /dues/claims/export.csv': TREASURY,
  'GET /dues/arrears': TREASURY,
  'POST /dues/claims/:id/payments': TREASURY,
  'POST /dues/claims/:id/write-off': TREASURY,
  'GET /dues/dunning': TREASURY,
  'POST /dues/dunning': TREASURY,

  // SEPA direct debit
  'POST /members/:id/mandates': TREASURY,
  'POST /mandates/:id/account': TREASURY,
  'POST /mandates/:id/revoke': TREASURY,
  'GET /sepa': TREASURY,
  'POST /sepa/collections': TREASURY,
  'GET /sepa/collections/:id': TREASURY,
  'GET /sepa/collections/:id/pain.008.xml': TREASURY,
  'POST /sepa/collections/:id/export': TREASURY,
  'POST /sepa/collections/:id/cancel': TREASURY,
  'POST /sepa/collections/:id/book': TREASURY,
  'POST /sepa/debits/:id/return': TREASURY,

  // donations ledger (api/donations/README.md): gifts, donors, proposed matches, page settings
  'GET /donations': TREASURY,
  'GET /donations/export.csv': TREASURY,
  'GET /donations/new': TREASURY,
  'POST /donations': TREASURY,
  'GET /donations/settings': TREASURY,
  'POST /donations/settings': TREASURY,
  'POST /donations/purposes': TREASURY,
  'POST /donations/purposes/:id': TREASURY,
  'GET /donations/:id': TREASURY,
  'GET /donations/:id/edit': TREASURY,
  'POST /donations/:id': TREASURY,
  'GET /donors': TREASURY,
  'GET /donors/review': TREASURY,
  'GET /donors/:id': TREASURY,
  'POST /donors/:id': TREASURY,
  'POST /donors/:id/merge': TREASURY,
  'POST /donors/:id/keep-apart': TREASURY,

  // Zuwendungsbestätigungen (api/receipts/README.md): treasurer screens
  // (receipts screens: add lines here)
  'GET /receipts': TREASURY,
  'GET /receipts/export.csv': TREASURY,
  'GET /receipts/new': TREASURY,
  'POST /receipts': TREASURY,
  'GET /receipts/print': TREASURY,
  'GET /receipts/print.pdf': TREASURY,
  'POST /receipts/print/done': TREASURY,
  'GET /receipts/:id': TREASURY,
  'GET /receipts/:id/pdf': TREASURY,
  'POST /receipts/:id/cancel': TREASURY,
  'POST /receipts/:id/replace': TREASURY,
  'GET /api/v1/receipts': TREASURY,
  'POST /api/v1/receipts': TREASURY,
  'GET /api/v1/receipts/:id': TREASURY,
  'GET /api/v1/receipts/:id/pdf': TREASURY,
  'POST /api/v1/receipts/:id/cancel': TREASURY,

  // Zuwendungsbestätigungen: the annual run
  // (annual run: add lines here)
  'GET /receipts/annual': TREASURY,
  'POST /receipts/annual': TREASURY,
  'GET /receipts/annual/:id': TREASURY, // also :id.json, the progress as JSON

  // grants (api/grants/README.md): funders, applications, their money and deadlines
  // (grants core: pipeline, applications, funders, documents)
  'GET /grants': GRANTS,
  'GET /grants/new': GRANTS,
  'POST /grants': GRANTS,
  'GET /grants/export.csv': GRANTS,
  'GET /grants/:id': GRANTS,
  'GET /grants/:id/edit': GRANTS,
  'POST /grants/:id': GRANTS,
  'POST /grants/:id/status': GRANTS,
  'POST /grants/:id/documents': GRANTS,
  'GET /grants/:id/documents/:documentId': GRANTS,
  'POST /grants/:id/documents/:documentId/delete': GRANTS,
  'GET /funders': GRANTS,
  'GET /funders/new': GRANTS,
  'POST /funders': GRANTS,
  'GET /funders/:id': GRANTS,
  'GET /funders/:id/edit': GRANTS,
  'POST /funders/:id': GRANTS,
  'GET /api/v1/funders': GRANTS,
  'POST /api/v1/funders': GRANTS,
  'GET /api/v1/funders/:id': GRANTS,
  'PATCH /api/v1/funders/:id': GRANTS,
  'GET /api/v1/grants': GRANTS,
  'POST /api/v1/grants': GRANTS,
  'GET /api/v1/grants/:id': GRANTS,
  'PATCH /api/v1/grants/:id': GRANTS,
  'POST /api/v1/grants/:id/status': GRANTS,
  // (grants money: plan, financing, payments, expenses, Verwendungsnachweis)
  'GET /grants/:id/finances': GRANTS,
  'POST /grants/:id/plan-lines': GRANTS,
  'POST /grants/:id/plan-lines/:lineId': GRANTS,
  'POST /grants/:id/funding-sources': GRANTS,
  'POST /grants/:id/funding-sources/:sourceId': GRANTS,
  'POST /grants/:id/payments': GRANTS,
  'POST /grants/:id/payments/:paymentId/delete': GRANTS,
  'POST /grants/:id/expenses': GRANTS,
  'POST /grants/:id/expenses/:expenseId/delete': GRANTS,
  'GET /grants/:id/verwendungsnachweis.pdf': GRANTS,
  'GET /grants/:id/verwendungsnachweis.csv': GRANTS,
  'GET /api/v1/grants/:id/finances': GRANTS,
  'POST /api/v1/grants/:id/plan-lines': GRANTS,
  'POST /api/v1/grants/:id/funding-sources': GRANTS,
  'POST /api/v1/grants/:id/payments': GRANTS,
  'POST /api/v1/grants/:id/expenses': GRANTS,
  // (grants deadlines: obligations, the calendar, each user's iCal feed)
  'GET /grants/calendar': GRANTS,
  'POST /grants/:id/deadlines': GRANTS,
  'POST /grants/:id/deadlines/:deadlineId': GRANTS,
  'GET /calendar': GRANTS,
  'POST /calendar/feed': GRANTS,
  'POST /calendar/feed/revoke': GRANTS,
  'GET /api/v1/grant-deadlines': GRANTS,
  'POST /api/v1/grants/:id/deadlines': GRANTS,
  'PATCH /api/v1/grant-deadlines/:id': GRANTS,
  // the iCal feed itself: calendar apps call it without a login; the secret in the path is the key
  'GET /ical/:token': 'public',

  // the board's finance dashboard (api/reports/README.md): aggregates only, never bank details or notes
  'GET /dashboard': GRANTS,
  'GET /dashboard/kassenbericht.pdf': GRANTS,
  'GET /api/v1/dashboard': GRANTS,

  // JSON API
  'GET /api/v1/me': 'authenticated',
  'GET /api/v1/settings': ['admin', 'treasurer'],
  'PUT /api/v1/settings': ADMIN,
  'GET /api/v1/users': ADMIN,
  'POST /api/v1/users': ADMIN,
  'PATCH /api/v1/users/:id': ADMIN,
  'GET /api/v1/api-tokens': ADMIN,
  'POST /api/v1/api-tokens': ADMIN,
  'DELETE /api/v1/api-tokens/:id': ADMIN,
  'GET /api/v1/audit-log': ADMIN,
  'GET /api/v1/outbox': ADMIN,
  'POST /api/v1/outbox/:id/retry': ADMIN,
  'GET /api/v1/members': TREASURY,
  'POST /api/v1/members': TREASURY,
  'GET /api/v1/members/:id': TREASURY,
  'PUT /api/v1/members/:id': TREASURY,
  'GET /api/v1/members/:id/history': TREASURY,
  'GET /api/v1/applications': TREASURY,
  'POST /api/v1/applications/:id/accept': TREASURY,
  'POST /api/v1/applications/:id/decline': TREASURY,
  'GET /api/v1/membership-types': TREASURY,
  'POST /api/v1/membership-types': TREASURY,
  'PUT /api/v1/membership-types/:id': TREASURY,
  'POST /api/v1/dues/runs': TREASURY,
  'GET /api/v1/dues/claims': TREASURY,
  'POST /api/v1/dues/claims/:id/payments': TREASURY,
  'POST /api/v1/dues/claims/:id/write-off': TREASURY,
  'GET /api/v1/dues/arrears': TREASURY,
  'POST /api/v1/dues/dunning-runs': TREASURY,
  'GET /api/v1/donations': TREASURY,
  'POST /api/v1/donations': TREASURY,
  'PATCH /api/v1/donations/:id': TREASURY,
  'GET /api/v1/donors': TREASURY,
  'GET /api/v1/donors/:id': TREASURY,

  // Stripe's webhook: no login, the signature on the body is the proof (api/donations/README.md)
  'POST /webhooks/stripe': 'public',

  // member portal (api/portal/README.md): the mailed links are public, the rest is the member's own
  'GET /portal/login': 'public',
  'POST /portal/login': 'public',
  'GET /portal/link': 'public',
  'POST /portal/link': 'public',
  'GET /portal/email/confirm': 'public',
  'POST /portal/email/confirm': 'public',
  'POST /portal/logout': 'portal',
  'GET /portal': 'portal',
  'GET /portal/payments': 'portal',
  'GET /portal/receipts': 'portal',
  'GET /portal/receipts/:id/pdf': 'portal',
  'GET /portal/contact': 'portal',
  'POST /portal/contact': 'portal',
  'GET /portal/email': 'portal',
  'POST /portal/email': 'portal',
  'GET /portal/mandate': 'portal',
  'POST /portal/mandate': 'portal',
  'GET /portal/data': 'portal',
  'GET /portal/data.json': 'portal',
  'GET /portal/data.pdf': 'portal',

  // donor portal (api/donor-portal/README.md): the mailed links are public, the rest is the donor's own
  'GET /donor/login': 'public',
  'POST /donor/login': 'public',
  'GET /donor/link': 'public',
  'POST /donor/link': 'public',
  'POST /donor/logout': 'donor',
  'GET /donor': 'donor',
  'GET /donor/receipts/:id/pdf': 'donor',
  'GET /donor/monthly': 'donor',
  'POST /donor/monthly/amount': 'donor',
  'POST /donor/monthly/pause': 'donor',
  'POST /donor/monthly/resume': 'donor',
  'GET /donor/monthly/cancel': 'donor',
  'POST /donor/monthly/cancel': 'donor',
  'POST /donor/monthly/stripe-portal': 'donor',
  'GET /donor/address': 'donor',
  'POST /donor/address': 'donor',
};


interface CompiledRule {
  method: string;
  pattern: RegExp;
  key: string;
  access: Access;
}

const compiled: CompiledRule[] = Object.entries(ACCESS).map(([key, access]) => {
  const [method, path] = key.split(' ') as [string, string];
  const pattern = new RegExp('^' + path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+') + '/?$');
  return { method, pattern, key, access };
});

export function accessFor(method: string, path: string): { key: string; access: Access } | null {
  const m = method === 'HEAD' ? 'GET' : method;
  const rule = compiled.find((r) => r.method === m && r.pattern.test(path));
  return rule ? { key: rule.key, access: rule.access } : null;
}

/**
 * `portalMember`: the caller is a member logged in to the portal (who has no staff role);
 * `donor`: the caller is a donor logged in to the donor portal (no staff role either).
 */
export function isAllowed(access: Access, role: Role | null, portalMember = false, donor = false): boolean {
  if (access === 'public') return true;
  if (access === 'portal') return portalMember;
  if (access === 'donor') return donor;
  if (role === null) return false;
  if (access === 'authenticated') return true;
  return access.includes(role);
}
