import type { AppContext } from '../../api/http/context';
import { receiptState, RECEIPT_PAGE_SIZE, RECEIPT_STATES, type ReceiptListFilter } from '../../api/receipts/routes';
import { formatDate, formatDateTime } from '../../api/lib/dates';
import { formatEuro } from '../../api/lib/money';
import type { Receipt } from '../../db/schema';
import { say, tr } from '../i18n';
import { EmptyState, Field, Layout, Pager, Select } from '../layout';
import { RECEIPT_DELIVERY_LABELS, RECEIPT_KIND_LABELS, RECEIPT_STATE_FILTER_LABELS } from './labels';

export function listQuery(filter: Partial<ReceiptListFilter>, page?: number) {
  const p = new URLSearchParams();
  for (const key of ['year', 'q', 'state'] as const) {
    const v = filter[key];
    if (v !== undefined && v !== null && v !== '') p.set(key, String(v));
  }
  if (page && page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

type StateRow = Pick<Receipt, 'cancelled_at' | 'cancel_reason' | 'review_reason' | 'review_since'> & { replaced_by: { id: number; number: string } | null };

/** gültig / storniert (Grund) / zu stornieren (Grund) / ersetzt durch …: what a receipt is worth now. */
export function ReceiptStateCell(props: { c: AppContext; r: StateRow }) {
  const { c, r } = props;
  const t = tr(c);
  const state = receiptState(r);
  if (state === 'cancelled') {
    return (
      <>
        <span class="badge failed">{t('storniert', 'cancelled')}</span>
        {r.cancel_reason && <div class="hint">{r.cancel_reason}</div>}
        {r.replaced_by && (
          <div>
            {t('ersetzt durch', 'replaced by')} <a href={`/receipts/${r.replaced_by.id}`}>{r.replaced_by.number}</a>
          </div>
        )}
      </>
    );
  }
  if (state === 'to_cancel') {
    return (
      <>
        <span class="badge failed">{t('zu stornieren', 'to cancel')}</span>
        {r.review_reason && <div class="hint">{r.review_reason}</div>}
      </>
    );
  }
  return <span class="badge sent">{t('gültig', 'valid')}</span>;
}

type ListRow = Pick<Receipt, 'id' | 'number' | 'issued_on' | 'issued_at' | 'recipient_name' | 'kind' | 'total_cents' | 'delivery' | 'printed_at'> & StateRow;

export function ReceiptTable(props: { c: AppContext; rows: ListRow[] }) {
  const { c } = props;
  const t = tr(c);
  const lang = c.get('lang');
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('Nummer', 'Number')}</th>
            <th scope="col">{t('Datum', 'Date')}</th>
            <th scope="col">{t('Empfänger', 'Recipient')}</th>
            <th scope="col">{t('Art', 'Kind')}</th>
            <th scope="col" class="num">
              {t('Summe', 'Total')}
            </th>
            <th scope="col">{t('Versand', 'Delivery')}</th>
            <th scope="col">{t('Zustand', 'State')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>
                <a href={`/receipts/${r.id}`}>{r.number}</a>
              </td>
              <td>{formatDate(r.issued_on)}</td>
              <td>{r.recipient_name}</td>
              <td>{say(c, RECEIPT_KIND_LABELS[r.kind]!)}</td>
              <td class="num">{formatEuro(r.total_cents)}</td>
              <td>
                {say(c, RECEIPT_DELIVERY_LABELS[r.delivery]!)}
                {r.delivery === 'post' && !r.cancelled_at && (
                  <div class="hint">{r.printed_at ? t(`gedruckt ${formatDateTime(r.printed_at, lang)}`, `printed ${formatDateTime(r.printed_at, lang)}`) : t('noch nicht gedruckt', 'not printed yet')}</div>
                )}
              </td>
              <td>
                <ReceiptStateCell c={c} r={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ListPage(props: { c: AppContext; filter: ReceiptListFilter; invalidFilter: boolean; rows: ListRow[]; total: number; toCancel: number; toPrint: number }) {
  const { c, filter } = props;
  const t = tr(c);
  const filtered = filter.year !== undefined || filter.q !== undefined || filter.state !== undefined;
  return (
    <Layout c={c} title={t('Zuwendungsbestätigungen', 'Donation receipts')}>
      <div class="actions">
        <a class="button" href="/receipts/new">
          {t('Bestätigung ausstellen', 'Issue a receipt')}
        </a>
        <a class="button" href="/receipts/annual">
          {t('Jahreslauf (Sammelbestätigungen)', 'Annual run (Sammelbestätigungen)')}
        </a>
        <a href="/receipts/print">{t('Druckstapel', 'Print batch')}</a>
        <a href={`/receipts/export.csv${listQuery(filter)}`}>{t('Als CSV (Excel)', 'As CSV (Excel)')}</a>
      </div>
      <div class="actions" role="status">
        <p class={`flash ${props.toCancel > 0 ? 'error' : 'info'}`}>
          <a href="/receipts?state=review">{t(`Zu stornieren: ${props.toCancel}`, `To cancel: ${props.toCancel}`)}</a>
          <br />
          <small>
            {t(
              'Erstattete, angefochtene oder zurückgebuchte Zuwendungen, die schon bestätigt sind (Haftung nach § 10b Abs. 4 EStG).',
              'Refunded, disputed or returned gifts that are already receipted (liability under § 10b Abs. 4 EStG).',
            )}
          </small>
        </p>
        <p class={`flash ${props.toPrint > 0 ? 'error' : 'info'}`}>
          <a href="/receipts/print">{t(`Zum Drucken: ${props.toPrint}`, `To print: ${props.toPrint}`)}</a>
          <br />
          <small>{t('Per Post, von Hand zu unterschreiben.', 'By post, to be signed by hand.')}</small>
        </p>
      </div>
      {props.invalidFilter && <p class="flash error">{t('Der Filter war ungültig und wurde zurückgesetzt.', 'The filter was invalid and has been reset.')}</p>}
      <form method="get" action="/receipts" class="toolbar" role="search">
        <Field c={c} name="year" type="number" label={t('Jahr', 'Year')} value={filter.year} inputmode="numeric" />
        <Field c={c} name="q" label={t('Suche', 'Search')} value={filter.q} hint={t('Nummer oder Name', 'Number or name')} />
        <Select c={c} name="state" label={t('Zustand', 'State')} value={filter.state} options={RECEIPT_STATES.map((value) => ({ value, label: say(c, RECEIPT_STATE_FILTER_LABELS[value]!) }))} blank={t('alle', 'all')} />
        <button type="submit" class="secondary">
          {t('Filtern', 'Filter')}
        </button>
      </form>
      <p role="status">{t(`${props.total} Bestätigung(en)`, `${props.total} receipt(s)`)}</p>
      {props.rows.length === 0 ? (
        <EmptyState>{filtered ? t('Keine Bestätigungen passen zu diesem Filter.', 'No receipts match this filter.') : t('Noch keine Zuwendungsbestätigungen.', 'No receipts yet.')}</EmptyState>
      ) : (
        <ReceiptTable c={c} rows={props.rows} />
      )}
      <Pager c={c} page={filter.page} total={props.total} pageSize={RECEIPT_PAGE_SIZE} href={(page) => `/receipts${listQuery(filter, page)}`} />
    </Layout>
  );
}
