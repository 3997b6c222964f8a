import type { AppContext } from '../../api/http/context';
import { msg } from '../../api/http/errors';
import { formatDate } from '../../api/lib/dates';
import { formatEuro } from '../../api/lib/money';
import type { PersonReceipt } from '../../api/receipts/lookup-queries';
import { say, tr } from '../i18n';
import { EmptyState } from '../layout';

const KIND_LABELS = {
  single: msg('Einzelbestätigung', 'Single receipt'),
  sammel: msg('Sammelbestätigung', 'Collective receipt'),
  sach: msg('Sachzuwendung', 'Gift in kind'),
} as const;

/**
 * The Zuwendungsbestätigungen of one person (donor page, member page): number, date, kind,
 * total and state, each linked to its page on /receipts, and the way to issue a new one.
 */
export function ReceiptsSection(props: { c: AppContext; receipts: PersonReceipt[]; issueHref: string }) {
  const { c, receipts } = props;
  const t = tr(c);
  return (
    <section aria-labelledby="receipts">
      <h2 id="receipts">{t('Zuwendungsbestätigungen', 'Donation receipts')}</h2>
      <div class="actions">
        <a href={props.issueHref}>{t('Bestätigung ausstellen', 'Issue a receipt')}</a>
      </div>
      {receipts.length === 0 ? (
        <EmptyState>{t('Noch keine Bestätigung ausgestellt.', 'No receipt issued yet.')}</EmptyState>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Nummer', 'Number')}</th>
                <th scope="col">{t('Ausgestellt', 'Issued')}</th>
                <th scope="col">{t('Art', 'Kind')}</th>
                <th scope="col">{t('Zeitraum', 'Period')}</th>
                <th scope="col" class="num">
                  {t('Summe', 'Total')}
                </th>
                <th scope="col">{t('Stand', 'State')}</th>
              </tr>
            </thead>
            <tbody>
              {receipts.map((r) => (
                <tr>
                  <td>
                    <a href={`/receipts/${r.id}`}>{r.number}</a>
                  </td>
                  <td>{formatDate(r.issued_on)}</td>
                  <td>{say(c, KIND_LABELS[r.kind])}</td>
                  <td>{r.period_from === r.period_to ? formatDate(r.period_from) : `${formatDate(r.period_from)} – ${formatDate(r.period_to)}`}</td>
                  <td class="num">{formatEuro(r.total_cents)}</td>
                  <td>
                    {r.cancelled_at ? (
                      t('storniert', 'cancelled')
                    ) : r.review_reason ? (
                      <>
                        <strong class="error">{t('zu stornieren', 'to cancel')}</strong>
                        <div class="hint">{r.review_reason}</div>
                      </>
                    ) : (
                      <>
                        {t('gültig', 'valid')}
                        <div class="hint">{r.delivery === 'email' ? t('per E-Mail', 'by e-mail') : t('per Post, unterschrieben', 'by post, signed')}</div>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
