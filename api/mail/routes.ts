import { createRoute, z } from '@hono/zod-openapi';
import { inTransaction } from '../deps';
import { kickOutbox } from '../jobs/deliver-outbox';
import { actorOf } from '../http/context';
import { errorResponses, idParam, jsonOk, notFoundResponse, type ApiRouter } from '../http/openapi';
import { listOutboxFor } from './list-outbox';
import { retryMail } from './retry-mail';

const mailOut = z
  .object({
    id: z.number().int(),
    created_at: z.string(),
    template: z.string(),
    language: z.string(),
    to_address: z.string(),
    subject: z.string(),
    text_body: z.string(),
    status: z.enum(['pending', 'sent', 'failed']),
    attempts: z.number().int(),
    next_attempt_at: z.string(),
    last_error: z.string().nullable(),
    sent_at: z.string().nullable(),
  })
  .openapi('OutboxMail');

export function registerMailRoutes(api: ApiRouter) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/outbox',
      tags: ['Postausgang / outbox'],
      summary: 'Mails im Postausgang, neueste zuerst / outbox mails, newest first',
      request: { query: z.object({ status: z.enum(['pending', 'sent', 'failed']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }) },
      responses: {
        200: jsonOk(z.object({ counts: z.record(z.string(), z.number()), mails: z.array(mailOut) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const identity = c.get('identity');
      const { counts, mails } = await listOutboxFor(c.get('deps').db, {
        viewerEmail: identity.kind === 'user' ? identity.user.email : null,
        status: q.status,
        limit: q.limit,
      });
      return c.json(
        {
          counts: counts as Record<string, number>,
          mails: mails.map((m) => ({
            id: m.id,
            created_at: m.created_at.toISOString(),
            template: m.template,
            language: m.language,
            to_address: m.to_address,
            subject: m.subject,
            text_body: m.text_body,
            status: m.status,
            attempts: m.attempts,
            next_attempt_at: m.next_attempt_at.toISOString(),
            last_error: m.last_error,
            sent_at: m.sent_at ? m.sent_at.toISOString() : null,
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/outbox/{id}/retry',
      tags: ['Postausgang / outbox'],
      summary: 'Mail erneut versuchen / retry a mail',
      request: { params: idParam },
      responses: { 202: jsonOk(z.object({ id: z.number().int(), status: z.string() }), 'Wieder eingereiht / queued again'), ...errorResponses, ...notFoundResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { id } = c.req.valid('param');
      const row = await inTransaction(deps.db, (trx) => retryMail(trx, { id, actor: actorOf(c) }, deps));
      kickOutbox(deps);
      return c.json({ id: row.id, status: 'pending' }, 202);
    },
  );
}
