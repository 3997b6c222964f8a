import type { Executor } from '../deps';
import { countOutboxByStatus, listOutbox } from './queries';

export const HIDDEN_LINK = '[Link nur für die Empfängerin sichtbar / link visible to the addressee only]';

/**
 * The outbox as an admin may read it: what would be (or was) sent. A mail with a login or reset
 * link shows the link only to its addressee; to anyone else that link would open the account.
 */
export async function listOutboxFor(
  db: Executor,
  input: { viewerEmail: string | null; status?: 'pending' | 'sent' | 'failed'; limit?: number },
) {
  const [mails, counts] = await Promise.all([
    listOutbox(db, { status: input.status, limit: input.limit ?? 100 }),
    countOutboxByStatus(db),
  ]);
  return {
    counts,
    mails: mails.map((m) => {
      const hide = m.sensitive && m.to_address !== input.viewerEmail;
      const clean = (s: string | null) => (s && hide ? s.replace(/https?:\/\/[^\s"<]*token=[^\s"<]*/g, HIDDEN_LINK) : s);
      return { ...m, text_body: clean(m.text_body)!, html_body: clean(m.html_body) };
    }),
  };
}
