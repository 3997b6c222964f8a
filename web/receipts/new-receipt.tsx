import type { AppContext } from '../../api/http/context';
import type { AppError } from '../../api/http/errors';
import { formatDate } from '../../api/lib/dates';
import { formatEuro } from '../../api/lib/money';
import type { ReceiptPerson, receiptableDonations, receiptablePayments, searchReceiptPeople } from '../../api/receipts/screen-queries';
import { DONATION_METHOD_LABELS } from '../donations/labels';
import { say, tr } from '../i18n';
import { Csrf, EmptyState, ErrorSummary, Field, Layout } from '../layout';
import { ReceiptTable } from './list';

type Donations = Awaited<ReturnType<typeof receiptableDonations>>;
type Payments = Awaited<ReturnType<typeof receiptablePayments>>;
type People = Awaited<ReturnType<typeof searchReceiptPeople>>;

/** Choosing whom a receipt is for, when the page is opened without a donor, member or gift. */
export function ChoosePersonPage(props: { c: AppContext; q: string | undefined; found: People | null }) {
  const { c, found } = props;
  const t = tr(c);
  return (
    <Layout c={c} title={t('Zuwendungsbestätigung ausstellen', 'Issue a receipt')}>
      <p class="hint">
        {t(
          'Für wen? Spender oder Mitglied suchen. Auch von der Seite einer Spende aus: /receipts/new?donation=…',
          'For whom? Search a donor or member. Also from a gift’s page: /receipts/new?donation=…',
        )}
      </p>
      <form method="get" action="/receipts/new" class="toolbar" role="search">
        <Field c={c} name="q" label={t('Name oder E-Mail', 'Name or e-mail')} value={props.q} />
        <button type="submit" class="secondary">
          {t('Suchen', 'Search')}
        </button>
      </form>
      {found &&
        (found.donors.length + found.members.length === 0 ? (
          <EmptyState>{t('Niemand gefunden.', 'Nobody found.')}</EmptyState>
        ) : (
          <ul>
            {found.donors.map((d) => (
              <li>
                <a href={`/receipts/new?donor=${d.id}`}>{d.name}</a> <span class="hint">({t('Spender', 'donor')}{d.city ? `, ${d.city}` : ''})</span>
              </li>
            ))}
            {found.members.map((m) => (
              <li>
                <a href={`/receipts/new?member=${m.id}`}>
                  {m.first_name} {m.last_name}
                </a>{' '}
                <span class="hint">
                  ({t('Mitglied', 'member')}
                  {m.member_number ? ` ${m.member_number}` : ''}
                  {m.city ? `, ${m.city}` : ''})
                </span>
              </li>
            ))}
          </ul>
        ))}
    </Layout>
  );
}

export interface NewReceiptData {
  person: ReceiptPerson;
  donations: Donations;
  payments: Payments;
  duesDeductible: boolean;
  existing: Parameters<typeof ReceiptTable>[0]['rows'];
}

/** The person's gifts and fees that can be receipted, to tick; the issuance checks each again. */
export function NewReceiptPage(props: { c: AppContext; data: NewReceiptData; hidden: { donor?: number; member?: number }; selected: { donations: number[]; payments: number[] }; error?: AppError }) {
  const { c, data } = props;
  const t = tr(c);
  const nothing = data.donations.length + data.payments.length === 0;
  const errors = props.error?.fieldErrors ?? [];
  return (
    <Layout c={c} title={t(`Zuwendungsbestätigung für ${data.person.name}`, `Receipt for ${data.person.name}`)}>
      <div class="actions">
        {data.person.memberId && <a href={`/members/${data.person.memberId}`}>{t('Mitglied', 'Member')}</a>}
        {data.person.donorIds.map((id) => (
          <a href={`/donors/${id}`}>{t(`Spender #${id}`, `Donor #${id}`)}</a>
        ))}
        <a href="/receipts">{t('Zur Liste', 'Back to the list')}</a>
      </div>
      <ErrorSummary c={c} errors={errors} detail={props.error?.detail ? say(c, props.error.detail) : props.error ? t('Nichts wurde ausgestellt.', 'Nothing was issued.') : undefined} />
      <p class="hint">
        {t(
          'Eine Zuwendung ergibt eine Einzelbestätigung, mehrere eine Sammelbestätigung mit Anlage. Eine Sachzuwendung wird immer allein bestätigt. Angeboten werden eingegangene, nicht erstattete, noch nicht bestätigte Zuwendungen bis heute.',
          'One gift makes a single receipt, several a Sammelbestätigung with an annex. A gift in kind is always confirmed on its own. Offered are received, not refunded, not yet receipted gifts up to today.',
        )}
      </p>
      {!data.duesDeductible && data.person.memberId && (
        <p class="hint">{t('Mitgliedsbeiträge sind laut Einstellungen nicht abziehbar und werden deshalb nicht angeboten.', 'Dues are not deductible according to the settings, so they are not offered.')}</p>
      )}
      {nothing ? (
        <EmptyState>{t('Nichts zu bestätigen: keine offenen Zuwendungen.', 'Nothing to receipt: no open gifts.')}</EmptyState>
      ) : (
        <form method="post" action="/receipts">
          <Csrf c={c} />
          {props.hidden.donor && <input type="hidden" name="donor" value={String(props.hidden.donor)} />}
          {props.hidden.member && <input type="hidden" name="member" value={String(props.hidden.member)} />}
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Auswahl', 'Choose')}</th>
                  <th scope="col">{t('Datum', 'Date')}</th>
                  <th scope="col">{t('Art', 'Kind')}</th>
                  <th scope="col">{t('Verzicht', 'Waiver')}</th>
                  <th scope="col" class="num">
                    {t('Betrag', 'Amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.donations.map((d) => {
                  const id = `f-donation-${d.id}`;
                  const net = d.amount_cents - d.refunded_cents;
                  return (
                    <tr>
                      <td>
                        <input type="checkbox" id={id} name={`donation-${d.id}`} checked={props.selected.donations.includes(Number(d.id))} aria-label={t(`Zuwendung vom ${formatDate(d.donated_on)}`, `Gift of ${formatDate(d.donated_on)}`)} />
                      </td>
                      <td>
                        <label for={id}>{formatDate(d.donated_on)}</label>
                      </td>
                      <td>
                        {d.method === 'in_kind' ? t('Sachzuwendung', 'Gift in kind') : t('Geldzuwendung', 'Money gift')}
                        <div class="hint">
                          <a href={`/donations/${d.id}`}>{say(c, DONATION_METHOD_LABELS[d.method]!)}</a>
                          {d.in_kind_description && ` · ${d.in_kind_description}`}
                        </div>
                      </td>
                      <td>{d.method === 'in_kind' ? '–' : d.waiver ? t('ja', 'yes') : t('nein', 'no')}</td>
                      <td class="num">
                        {formatEuro(net)}
                        {d.refunded_cents > 0 && <div class="hint">{t(`von ${formatEuro(d.amount_cents)}, teilweise erstattet`, `of ${formatEuro(d.amount_cents)}, partly refunded`)}</div>}
                      </td>
                    </tr>
                  );
                })}
                {data.payments.map((p) => {
                  const id = `f-payment-${p.id}`;
                  return (
                    <tr>
                      <td>
                        <input type="checkbox" id={id} name={`payment-${p.id}`} checked={props.selected.payments.includes(Number(p.id))} aria-label={t(`Beitrag vom ${formatDate(p.paid_on)}`, `Fee of ${formatDate(p.paid_on)}`)} />
                      </td>
                      <td>
                        <label for={id}>{formatDate(p.paid_on)}</label>
                      </td>
                      <td>
                        {t('Mitgliedsbeitrag', 'Membership fee')}
                        <div class="hint">{p.claim_label}</div>
                      </td>
                      <td>{t('nein', 'no')}</td>
                      <td class="num">{formatEuro(p.amount_cents)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <button type="submit">{t('Bestätigung ausstellen', 'Issue the receipt')}</button>
        </form>
      )}
      <h2>{t('Bisherige Bestätigungen', 'Earlier receipts')}</h2>
      {data.existing.length === 0 ? <EmptyState>{t('Noch keine.', 'None yet.')}</EmptyState> : <ReceiptTable c={c} rows={data.existing} />}
    </Layout>
  );
}
