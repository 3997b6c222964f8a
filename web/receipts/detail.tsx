import type { AppContext } from '../../api/http/context';
import type { AppError } from '../../api/http/errors';
import { formatDate, formatDateTime } from '../../api/lib/dates';
import { formatEuro } from '../../api/lib/money';
import type { ReceiptRow } from '../../api/receipts/queries';
import type { receiptItemsWithSources, receiptMail } from '../../api/receipts/screen-queries';
import { DONATION_STATUS_LABELS } from '../donations/labels';
import { fieldErrorsOf } from '../forms';
import { say, tr } from '../i18n';
import { Checkbox, Csrf, ErrorSummary, Layout } from '../layout';
import { MAIL_STATUS_LABELS, RECEIPT_DELIVERY_LABELS, RECEIPT_ITEM_KIND_LABELS, RECEIPT_KIND_TITLES } from './labels';
import { ReceiptStateCell } from './list';

type Items = Awaited<ReturnType<typeof receiptItemsWithSources>>;
type Mail = Awaited<ReturnType<typeof receiptMail>>;

export interface DetailData {
  r: ReceiptRow;
  items: Items;
  mail: Mail | null;
  /** for a cancelled receipt not yet replaced: what a replacement may still confirm */
  replaceable: { donationIds: number[]; paymentIds: number[] } | null;
  associationName: string;
}

/**
 * The letter the treasurer sends when nothing of a cancelled receipt can be confirmed again
 * (everything was refunded or returned): the donor must not use the old receipt (§ 10b Abs. 4 EStG).
 */
export function noticeText(d: { name: string; number: string; issuedOn: string; totalCents: number; reason: string | null; association: string }) {
  return [
    `Guten Tag ${d.name},`,
    '',
    `die Zuwendungsbestätigung Nr. ${d.number} vom ${formatDate(d.issuedOn)} über ${formatEuro(d.totalCents)} ist nicht mehr gültig${d.reason ? ` (${d.reason})` : ''}. Wir haben sie storniert. Eine neue Bestätigung können wir nicht ausstellen, weil die Zuwendung erstattet oder zurückgebucht wurde.`,
    '',
    'Bitte verwenden Sie die Bestätigung nicht für Ihre Steuererklärung und senden Sie sie an uns zurück oder vernichten Sie sie. Falls Sie sie bereits beim Finanzamt eingereicht haben, teilen Sie dem Finanzamt bitte mit, dass sie nicht mehr gilt.',
    '',
    'Mit freundlichen Grüßen',
    d.association,
  ].join('\n');
}

export function DetailPage(props: { c: AppContext; data: DetailData; cancelError?: AppError; cancelValues?: { reason?: string; confirm?: boolean }; replaceError?: AppError }) {
  const { c } = props;
  const { r, items, mail, replaceable } = props.data;
  const t = tr(c);
  const lang = c.get('lang');
  const cancelErrors = fieldErrorsOf(props.cancelError);
  const reasonError = cancelErrors.find((e) => e.field === 'reason');
  const replacedBy = r.replaced_by_id ? { id: Number(r.replaced_by_id), number: r.replaced_by_number! } : null;
  const replaceCount = replaceable ? replaceable.donationIds.length + replaceable.paymentIds.length : 0;
  return (
    <Layout c={c} title={t(`Zuwendungsbestätigung ${r.number}`, `Receipt ${r.number}`)}>
      <div class="actions">
        <a class="button" href={`/receipts/${r.id}/pdf`} download>
          {t('PDF herunterladen', 'Download PDF')}
        </a>
        <a href="/receipts">{t('Zur Liste', 'Back to the list')}</a>
      </div>
      {r.cancelled_at && (
        <p class="flash error" role="status">
          {t(`Storniert am ${formatDateTime(r.cancelled_at, lang)} von ${r.cancelled_by ?? '–'}: ${r.cancel_reason ?? ''}`, `Cancelled on ${formatDateTime(r.cancelled_at, lang)} by ${r.cancelled_by ?? '–'}: ${r.cancel_reason ?? ''}`)}
          <br />
          <small>{t('Die Nummer bleibt verbraucht; die Bestätigung bleibt im Archiv.', 'The number stays used; the receipt stays in the archive.')}</small>
        </p>
      )}
      {!r.cancelled_at && r.review_since && (
        <p class="flash error" role="status">
          {t(`Zu stornieren seit ${formatDateTime(r.review_since, lang)}: ${r.review_reason ?? ''}`, `To cancel since ${formatDateTime(r.review_since, lang)}: ${r.review_reason ?? ''}`)}
          <br />
          <small>
            {t(
              'Eine bestätigte Zuwendung ging zurück. Für eine unrichtige Bestätigung haftet der Verein (§ 10b Abs. 4 EStG): bitte stornieren und dem Zuwendenden eine berichtigte Bestätigung oder eine Mitteilung schicken.',
              'A receipted gift went back. The association is liable for a wrong receipt (§ 10b Abs. 4 EStG): please cancel it and send the donor a corrected receipt or a notice.',
            )}
          </small>
        </p>
      )}
      <dl class="facts">
        <dt>{t('Nummer', 'Number')}</dt>
        <dd>{r.number}</dd>
        <dt>{t('Zustand', 'State')}</dt>
        <dd>
          <ReceiptStateCell c={c} r={{ ...r, replaced_by: replacedBy }} />
        </dd>
        <dt>{t('Art', 'Kind')}</dt>
        <dd>{say(c, RECEIPT_KIND_TITLES[r.kind]!)}</dd>
        <dt>{t('Empfänger', 'Recipient')}</dt>
        <dd>
          {r.recipient_name}
          <div class="hint">{r.recipient_address.split('\n').join(', ')}</div>
          {r.donor_id && (
            <div>
              <a href={`/donors/${r.donor_id}`}>{t('Spender', 'Donor')}</a>
            </div>
          )}
          {r.member_id && (
            <div>
              <a href={`/members/${r.member_id}`}>{t('Mitglied', 'Member')}</a>
            </div>
          )}
        </dd>
        <dt>{t('Zeitraum', 'Period')}</dt>
        <dd>{r.period_from === r.period_to ? formatDate(r.period_from) : `${formatDate(r.period_from)} – ${formatDate(r.period_to)}`}</dd>
        <dt>{t('Summe', 'Total')}</dt>
        <dd>{formatEuro(r.total_cents)}</dd>
        <dt>{t('Ausgestellt', 'Issued')}</dt>
        <dd>
          {formatDate(r.issued_on)} · {formatDateTime(r.issued_at, lang)} · {r.issued_by}
        </dd>
        <dt>{t('Versand', 'Delivery')}</dt>
        <dd>
          {say(c, RECEIPT_DELIVERY_LABELS[r.delivery]!)}
          {r.delivery === 'email' && mail && (
            <div class="hint">
              {say(c, MAIL_STATUS_LABELS[mail.status]!)} · {mail.to_address}
              {mail.sent_at && ` · ${formatDateTime(mail.sent_at, lang)}`}
              {mail.status !== 'sent' && mail.attempts > 0 && ` · ${t(`${mail.attempts} Versuch(e)`, `${mail.attempts} attempt(s)`)}`}
              {mail.last_error && mail.status !== 'sent' && ` · ${mail.last_error}`}
            </div>
          )}
          {r.delivery === 'email' && !mail && <div class="hint">{t('keine Mail im Postausgang', 'no mail in the outbox')}</div>}
          {r.delivery === 'post' && (
            <div class="hint">
              {r.printed_at
                ? t(`gedruckt ${formatDateTime(r.printed_at, lang)}`, `printed ${formatDateTime(r.printed_at, lang)}`)
                : r.cancelled_at
                  ? t('nicht gedruckt', 'not printed')
                  : t('noch nicht gedruckt: im Druckstapel', 'not printed yet: in the print batch')}
            </div>
          )}
        </dd>
        <dt>SHA-256</dt>
        <dd>
          <code>{r.sha256}</code>
        </dd>
        {r.replaces_receipt_id && (
          <>
            <dt>{t('Ersetzt', 'Replaces')}</dt>
            <dd>
              <a href={`/receipts/${r.replaces_receipt_id}`}>{r.replaces_number}</a>
            </dd>
          </>
        )}
        {replacedBy && (
          <>
            <dt>{t('Ersetzt durch', 'Replaced by')}</dt>
            <dd>
              <a href={`/receipts/${replacedBy.id}`}>{replacedBy.number}</a>
            </dd>
          </>
        )}
      </dl>

      <h2>{t('Bestätigte Zuwendungen', 'Confirmed gifts')}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('Datum', 'Date')}</th>
              <th scope="col">{t('Art', 'Kind')}</th>
              <th scope="col">{t('Verzicht auf Erstattung von Aufwendungen', 'Waiver of reimbursement')}</th>
              <th scope="col" class="num">
                {t('Betrag', 'Amount')}
              </th>
              <th scope="col">{t('Herkunft', 'Source')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr>
                <td>{formatDate(i.item_date)}</td>
                <td>{say(c, RECEIPT_ITEM_KIND_LABELS[i.kind]!)}</td>
                <td>{i.kind === 'in_kind' ? '–' : i.waiver ? t('ja', 'yes') : t('nein', 'no')}</td>
                <td class="num">{formatEuro(i.amount_cents)}</td>
                <td>
                  {i.donation_id ? (
                    <a href={`/donations/${i.donation_id}`}>{t(`Spende #${i.donation_id}`, `Gift #${i.donation_id}`)}</a>
                  ) : (
                    <a href={`/members/${i.payment_member_id}`}>{t(`Beitragszahlung #${i.payment_id}`, `Fee payment #${i.payment_id}`)}</a>
                  )}
                  {i.donation_status && i.donation_status !== 'succeeded' && <div class="hint">{t('jetzt', 'now')}: {say(c, DONATION_STATUS_LABELS[i.donation_status]!)}</div>}
                  {i.donation_refunded_cents !== null && i.donation_refunded_cents > 0 && <div class="hint">{t(`erstattet ${formatEuro(i.donation_refunded_cents)}`, `refunded ${formatEuro(i.donation_refunded_cents)}`)}</div>}
                  {i.payment_reversed_on && <div class="hint">{t(`zurückgebucht am ${formatDate(i.payment_reversed_on)}`, `reversed on ${formatDate(i.payment_reversed_on)}`)}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {!r.cancelled_at && (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title">{t('Stornieren', 'Cancel')}</h2>
          <p class="hint">
            {t(
              'Eine ausgestellte Bestätigung wird nie geändert. Storniert bleibt ihre Nummer verbraucht und sie bleibt im Archiv; ihre Zuwendungen können danach neu bestätigt werden (Ersatz).',
              'An issued receipt is never changed. Once cancelled its number stays used and it stays in the archive; its gifts can then be confirmed again (replacement).',
            )}
          </p>
          <ErrorSummary c={c} errors={cancelErrors} detail={props.cancelError?.detail ? say(c, props.cancelError.detail) : undefined} />
          <form method="post" action={`/receipts/${r.id}/cancel`}>
            <Csrf c={c} />
            <div class={`field${reasonError ? ' invalid' : ''}`}>
              <label for="f-reason">
                {t('Grund der Stornierung', 'Reason for the cancellation')}
                <span aria-hidden="true"> *</span>
              </label>
              {reasonError && (
                <small id="f-reason-error" class="error">
                  {say(c, reasonError.message)}
                </small>
              )}
              <textarea id="f-reason" name="reason" rows={2} required aria-invalid={reasonError ? 'true' : undefined} aria-describedby={reasonError ? 'f-reason-error' : undefined}>
                {props.cancelValues?.reason ?? r.review_reason ?? ''}
              </textarea>
            </div>
            <Checkbox c={c} name="confirm" label={t(`Ja, Bestätigung ${r.number} stornieren`, `Yes, cancel receipt ${r.number}`)} checked={props.cancelValues?.confirm} errors={cancelErrors} />
            <button type="submit" class="danger">
              {t('Stornieren', 'Cancel receipt')}
            </button>
          </form>
        </section>
      )}

      {r.cancelled_at && !replacedBy && replaceable && (
        <section aria-labelledby="replace-title">
          <h2 id="replace-title">{t('Ersatz', 'Replacement')}</h2>
          <ErrorSummary c={c} errors={[]} detail={props.replaceError?.detail ? say(c, props.replaceError.detail) : undefined} />
          {replaceCount > 0 ? (
            <form method="post" action={`/receipts/${r.id}/replace`}>
              <Csrf c={c} />
              <p>
                {t(
                  `${replaceCount} der ${items.length} Zuwendung(en) lassen sich wieder bestätigen. Die neue Bestätigung nennt die stornierte Nummer ${r.number}.`,
                  `${replaceCount} of the ${items.length} gift(s) can be confirmed again. The new receipt names the cancelled number ${r.number}.`,
                )}
              </p>
              <button type="submit">{t('Ersatz ausstellen', 'Issue the replacement')}</button>
            </form>
          ) : (
            <>
              <p>
                {t(
                  'Keine der Zuwendungen lässt sich wieder bestätigen (erstattet oder zurückgebucht). Statt einer neuen Bestätigung bekommt der Zuwendende eine Mitteilung, zum Beispiel diese:',
                  'None of the gifts can be confirmed again (refunded or returned). Instead of a new receipt, the donor gets a notice, for example this one:',
                )}
              </p>
              <textarea id="notice" class="snippet" rows={12} readonly aria-label={t('Mitteilung an den Zuwendenden', 'Notice to the donor')}>
                {noticeText({ name: r.recipient_name, number: r.number, issuedOn: r.issued_on, totalCents: r.total_cents, reason: r.cancel_reason, association: props.data.associationName })}
              </textarea>
            </>
          )}
        </section>
      )}
    </Layout>
  );
}
