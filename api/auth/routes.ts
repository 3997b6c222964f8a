import { createRoute, z } from '@hono/zod-openapi';
import { inTransaction } from '../deps';
import { kickOutbox } from '../jobs/deliver-outbox';
import { actorOf } from '../http/context';
import { conflictResponse, errorResponses, idParam, jsonBody, jsonOk, notFoundResponse, type ApiRouter } from '../http/openapi';
import { createApiToken, revokeApiToken } from './api-tokens';
import { inviteUser } from './invite-user';
import { listApiTokens, listUsers } from './queries';
import { createApiTokenSchema, inviteUserSchema, updateUserSchema } from './schemas';
import { updateUser } from './update-user';

const userOut = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'treasurer', 'board', 'member']),
    status: z.enum(['invited', 'active', 'disabled']),
    language: z.enum(['de', 'en']),
    created_at: z.string(),
  })
  .openapi('User');

const tokenOut = z
  .object({
    id: z.number().int(),
    name: z.string(),
    role: z.enum(['admin', 'treasurer', 'board', 'member']),
    token_hint: z.string(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
  })
  .openapi('ApiToken');

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const userJson = (u: { id: number; email: string; name: string; role: any; status: any; language: any; created_at: Date }) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  status: u.status,
  language: u.language,
  created_at: u.created_at.toISOString(),
});
const tokenJson = (t: { id: number; name: string; role: any; token_hint: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }) => ({
  id: t.id,
  name: t.name,
  role: t.role,
  token_hint: t.token_hint,
  created_at: t.created_at.toISOString(),
  last_used_at: iso(t.last_used_at),
  revoked_at: iso(t.revoked_at),
});

export function registerAuthRoutes(api: ApiRouter) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['Konto / account'],
      summary: 'Wer bin ich? / Who am I?',
      responses: {
        200: jsonOk(z.object({ kind: z.enum(['user', 'token']), id: z.number().int(), name: z.string(), role: userOut.shape.role, email: z.string().optional() })),
        ...errorResponses,
      },
    }),
    (c) => {
      const identity = c.get('identity');
      if (identity.kind === 'user') {
        const u = identity.user;
        return c.json({ kind: 'user' as const, id: u.id, name: u.name, role: u.role, email: u.email }, 200);
      }
      if (identity.kind !== 'token') throw new Error('unreachable: access requires a login');
      return c.json({ kind: 'token' as const, id: identity.token.id, name: identity.token.name, role: identity.token.role }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags: ['Benutzer / users'],
      summary: 'Alle Benutzerkonten / all user accounts',
      responses: { 200: jsonOk(z.object({ users: z.array(userOut) })), ...errorResponses },
    }),
    async (c) => c.json({ users: (await listUsers(c.get('deps').db)).map(userJson) }, 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/users',
      tags: ['Benutzer / users'],
      summary: 'Benutzer einladen (E-Mail mit Link) / invite a user (mail with link)',
      request: { body: jsonBody(inviteUserSchema) },
      responses: { 201: jsonOk(userOut, 'Eingeladen / invited'), ...errorResponses, ...conflictResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const input = c.req.valid('json');
      const user = await inTransaction(deps.db, (trx) => inviteUser(trx, { ...input, actor: actorOf(c) }, deps));
      kickOutbox(deps);
      return c.json(userJson(user), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/users/{id}',
      tags: ['Benutzer / users'],
      summary: 'Name, Rolle, Status oder Sprache ändern / change name, role, status or language',
      request: { params: idParam, body: jsonBody(updateUserSchema) },
      responses: { 200: jsonOk(userOut), ...errorResponses, ...notFoundResponse, ...conflictResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { id } = c.req.valid('param');
      const changes = c.req.valid('json');
      const user = await inTransaction(deps.db, (trx) => updateUser(trx, { id, changes, actor: actorOf(c) }, deps));
      return c.json(userJson(user), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api-tokens',
      tags: ['API-Tokens'],
      summary: 'API-Tokens (ohne Geheimnis) / API tokens (without the secret)',
      responses: { 200: jsonOk(z.object({ tokens: z.array(tokenOut) })), ...errorResponses },
    }),
    async (c) => c.json({ tokens: (await listApiTokens(c.get('deps').db)).map(tokenJson) }, 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api-tokens',
      tags: ['API-Tokens'],
      summary: 'API-Token erzeugen; das Geheimnis wird nur jetzt gezeigt / create an API token; the secret is shown only now',
      request: { body: jsonBody(createApiTokenSchema) },
      responses: { 201: jsonOk(tokenOut.extend({ token: z.string() }), 'Erzeugt / created'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const input = c.req.valid('json');
      const token = await inTransaction(deps.db, (trx) => createApiToken(trx, { ...input, actor: actorOf(c) }, deps));
      return c.json({ ...tokenJson(token), token: token.token }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/api-tokens/{id}',
      tags: ['API-Tokens'],
      summary: 'API-Token widerrufen / revoke an API token',
      request: { params: idParam },
      responses: { 204: { description: 'Widerrufen / revoked' }, ...errorResponses, ...notFoundResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { id } = c.req.valid('param');
      await inTransaction(deps.db, (trx) => revokeApiToken(trx, { id, actor: actorOf(c) }, deps));
      return c.body(null, 204);
    },
  );
}
