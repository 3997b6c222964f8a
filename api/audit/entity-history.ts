import type { Executor } from '../deps';
import { listAuditEntries } from './queries';

/** The audit trail of one record, newest first: a member page's history. */
export function entityHistory(db: Executor, entity: string, id: number | string, limit = 200) {
  return listAuditEntries(db, { entity, entityId: String(id), limit });
}
