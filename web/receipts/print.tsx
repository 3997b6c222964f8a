import type { AppContext } from '../../api/http/context';
import { formatDateTime } from '../../api/lib/dates';
import { PRINT_BATCH_SIZE } from '../../api/receipts/print-batch';
import type { unprintedPostReceipts } from '../../api/receipts/screen-queries';
import { say, tr } from '../i18n';
import { Csrf, EmptyState, Layout } from '../layout';
import { RECEIPT_KIND_LABELS } from './labels';

type Batch = Awaited<ReturnType<typeof unprintedPostReceipts>>;

/**
 * The paper receipts: one PDF with the batch, then "printed" for exactly the receipts of that
 * PDF (the ids travel with the link and the form, so a receipt issued meanwhile waits for the next batch).
 */
export function PrintPage(props: { c: AppContext; batch: Batch; total: number }) {
  const { c, batch } = props;
  const t = tr(c);
  const lang = c.get('lang');
  const ids = batch.map((r) => r.id).join(',');
  return (
    <Layout c={c} title={t('Druckstapel: Bestätigungen per Post', 'Print batch: receipts by post')}>
      <p class="hint">
        {t(
          'Diese Bestätigungen gehen auf Papier: von Hand unterschreiben (Sachzuwendung, Verzicht, maschinelles Verfahren nicht angezeigt, oder keine E-Mail-Adresse) und per Post schicken. Das PDF enthält die gespeicherten Seiten unverändert.',
          'These receipts go on paper: sign them by hand (gift in kind, waiver, machine procedure not reported, or no e-mail address) and post them. The PDF holds the stored pages unchanged.',
        )}
      </p>
      {batch.length === 0 ? (
        <EmptyState>{t('Nichts zu drucken.', 'Nothing to print.')}</EmptyState>
      ) : (
        <>
          <p role="status">
            {props.total > batch.length
              ? t(`${batch.length} von ${props.total} Bestätigungen in diesem Stapel (höchstens ${PRINT_BATCH_SIZE}); die nächsten folgen nach dem Markieren.`, `${batch.length} of ${props.total} receipts in this batch (at most ${PRINT_BATCH_SIZE}); the next follow once these are marked.`)
              : t(`${batch.length} Bestätigung(en) zum Drucken.`, `${batch.length} receipt(s) to print.`)}
          </p>
          <div class="actions">
            <a class="button" href={`/receipts/print.pdf?ids=${ids}`} download>
              {t('PDF zum Drucken herunterladen', 'Download the PDF to print')}
            </a>
          </div>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Nummer', 'Number')}</th>
                  <th scope="col">{t('Empfänger', 'Recipient')}</th>
                  <th scope="col">{t('Art', 'Kind')}</th>
                  <th scope="col">{t('Ausgestellt', 'Issued')}</th>
                </tr>
              </thead>
              <tbody>
                {batch.map((r) => (
                  <tr>
                    <td>
                      <a href={`/receipts/${r.id}`}>{r.number}</a>
                    </td>
                    <td>{r.recipient_name}</td>
                    <td>{say(c, RECEIPT_KIND_LABELS[r.kind]!)}</td>
                    <td>{formatDateTime(r.issued_at, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form method="post" action="/receipts/print/done">
            <Csrf c={c} />
            <input type="hidden" name="ids" value={ids} />
            <button type="submit">{t('Gedruckt: diese Bestätigungen als gedruckt markieren', 'Printed: mark these receipts as printed')}</button>
          </form>
        </>
      )}
      <p>
        <a href="/receipts">{t('Zur Liste', 'Back to the list')}</a>
      </p>
    </Layout>
  );
}
