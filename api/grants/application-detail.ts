import type { GrantStatus } from '../../db/schema';
import type { Executor } from '../deps';
import { AppError } from '../http/errors';
import { GRANT_TRANSITIONS } from '../lib/grants';
import { APPLICATION_NOT_FOUND } from './application-rules';
import { documentsOf, doneDeadlinesOf, findApplication, paymentsOf, statusChangesOf } from './queries';

export type TimelineEntry =
  | { kind: 'status'; on: string; at: Date; by: string; from: GrantStatus | null; to: GrantStatus; note: string | null }
  | { kind: 'document'; on: string; at: Date; by: string; title: string; documentId: number }
  | { kind: 'payment'; on: string; at: Date; by: string; amountCents: number; reference: string | null }
  | { kind: 'deadline'; on: string; at: Date; by: string | null; title: string; dueOn: string };

const berlinDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

/** One application with everything its page and its API answer show; the timeline newest first. */
export async function applicationDetail(db: Executor, id: number) {
  const application = await findApplication(db, id);
  if (!application) throw new AppError('not_found', APPLICATION_NOT_FOUND);
  const [changes, documents, payments, deadlinesDone] = await Promise.all([statusChangesOf(db, id), documentsOf(db, id), paymentsOf(db, id), doneDeadlinesOf(db, id)]);
  const timeline: TimelineEntry[] = [
    ...changes.map((s): TimelineEntry => ({ kind: 'status', on: s.changed_on, at: s.changed_at, by: s.changed_by, from: s.from_status, to: s.to_status, note: s.note })),
    ...documents.map((d): TimelineEntry => ({ kind: 'document', on: berlinDay.format(d.created_at), at: d.created_at, by: d.created_by, title: d.title, documentId: Number(d.id) })),
    ...payments.map((p): TimelineEntry => ({ kind: 'payment', on: p.received_on, at: p.created_at, by: p.created_by, amountCents: p.amount_cents, reference: p.reference })),
    ...deadlinesDone.map((d): TimelineEntry => ({ kind: 'deadline', on: d.done_on!, at: d.created_at, by: d.done_by, title: d.title, dueOn: d.due_on })),
  ].sort((a, b) => (a.on === b.on ? b.at.getTime() - a.at.getTime() : a.on < b.on ? 1 : -1));
  return { application, documents, timeline, statusChanges: changes, nextStatuses: GRANT_TRANSITIONS[application.status] };
}
export type ApplicationDetail = Awaited<ReturnType<typeof applicationDetail>>;
