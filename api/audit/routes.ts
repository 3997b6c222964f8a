import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonOk, type ApiRouter } from '../http/openapi';
import { listAuditEntries } from './queries';

const entryOut = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    entity: z.string(),
    entity_id: z.string().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    request_id: z.string().nullable(),
  })
  .openapi('AuditEntry');

export function registerAuditRoutes(api: ApiRouter) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/audit-log',
      tags: ['Protokoll / audit log'],
      summary: 'Änderungsprotokoll, neueste zuerst / audit log, newest first',
      request: {
        query: z.object({
          entity: z.string().max(50).optional(),
          entity_id: z.string().max(50).optional(),
          before_id: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      responses: { 200: jsonOk(z.object({ entries: z.array(entryOut) })), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const rows = await listAuditEntries(c.get('deps').db, { entity: q.entity, entityId: q.entity_id, beforeId: q.before_id, limit: q.limit });
      return c.json(
        {
          entries: rows.map((r) => ({
            id: r.id,
            at: r.at.toISOString(),
            actor: r.actor,
            action: r.action,
            entity: r.entity,
            entity_id: r.entity_id,
            before: r.before,
            after: r.after,
            request_id: r.request_id,
          })),
        },
        200,
      );
    },
  );
}
