import type { Executor } from '../deps';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  limit: number;
  beforeId?: number;
}

export function listAuditEntries(db: Executor, filter: AuditFilter) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.entity) q = q.where('entity', '=', filter.entity);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  if (filter.beforeId) q = q.where('id', '<', filter.beforeId);
  return q.execute();
}
