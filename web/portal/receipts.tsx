import type { AppContext } from '../../api/http/context';
import { formatDate } from '../../api/lib/dates';
import { formatEuro } from '../../api/lib/money';
import type { PortalReceipt } from '../../api/receipts/portal-queries';
import { texts } from '../i18n';
import { EmptyState } from '../layout';
import { RECEIPT_TEXTS } from './texts';

/**
 * The person's Zuwendungsbestätigungen, in the member portal and the donor portal alike: number,
 * issue date, period, total, and the PDF where the receipt was made by the machine procedure
 * (spec §11.2/§11.3); one signed by hand says it comes by post and has no link.
 */
export function ReceiptsTable(props: { c: AppContext; receipts: PortalReceipt[]; pdfBase: '/portal/receipts' | '/donor/receipts' }) {
  const t = texts(props.c, RECEIPT_TEXTS);
  if (!props.receipts.length) return <EmptyState>{t.noReceipts}</EmptyState>;
  return (
    <>
      <div class="table-wrap">
        <table class="receipts">
          <thead>
            <tr>
              <th scope="col">{t.receiptNumber}</th>
              <th scope="col">{t.issuedOn}</th>
              <th scope="col">{t.period}</th>
              <th scope="col" class="num">
                {t.total}
              </th>
              <th scope="col">{t.document}</th>
            </tr>
          </thead>
          <tbody>
            {props.receipts.map((r) => (
              <tr>
                <td>
                  <bdi>{r.number}</bdi>
                </td>
                <td>{formatDate(r.issued_on)}</td>
                <td>{r.period_from === r.period_to ? formatDate(r.period_from) : `${formatDate(r.period_from)} – ${formatDate(r.period_to)}`}</td>
                <td class="num">{formatEuro(r.total_cents)}</td>
                <td>
                  {r.delivery === 'email' ? (
                    <a href={`${props.pdfBase}/${r.id}/pdf`} download aria-label={t.downloadLabel.replace('{number}', r.number)}>
                      {t.download}
                    </a>
                  ) : (
                    <span class="hint">{t.byPost}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">{t.keepIt}</p>
    </>
  );
}

/** The answer of a receipt download: the stored bytes unchanged, saved under the receipt's number. */
export function receiptPdfResponse(c: AppContext, pdf: { fileName: string; bytes: Uint8Array }) {
  return c.body(new Uint8Array(pdf.bytes), 200, {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="${pdf.fileName}"`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
}
