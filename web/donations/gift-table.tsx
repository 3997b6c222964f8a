import type { AppContext } from '../../api/http/context';
import { formatDate } from '../../api/lib/dates';
import { formatEuro } from '../../api/lib/money';
import type { DonationMethod } from '../../db/schema';
import { say, tr } from '../i18n';
import { DONATION_METHOD_LABELS, DONATION_STATUS_LABELS, NEVER_RECEIPTED } from './labels';

/** A gift's status; refunded and disputed ones say they can never be receipted. */
export function StatusBadge(props: { c: AppContext; status: string }) {
  const { c, status } = props;
  const closed = status === 'refunded' || status === 'disputed';
  return (
    <>
      <span class={`badge${closed || status === 'failed' ? ' failed' : status === 'succeeded' ? ' sent' : ''}`}>{say(c, DONATION_STATUS_LABELS[status]!)}</span>
      {closed && <div class="hint">{say(c, NEVER_RECEIPTED)}</div>}
    </>
  );
}

export interface GiftRow {
  id: number;
  donated_on: string;
  amount_cents: number;
  refunded_cents: number;
  method: DonationMethod;
  waiver: boolean;
  purpose_name: string | null;
  subscription_id: number | null;
  status: string;
  donor_id?: number | null;
  donor_name?: string | null;
}

/** The gifts of the ledger list and of a donor's page: the donor column only where it says something. */
export function GiftTable(props: { c: AppContext; gifts: GiftRow[]; showDonor: boolean }) {
  const { c } = props;
  const t = tr(c);
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('Datum', 'Date')}</th>
            {props.showDonor && <th scope="col">{t('Spender', 'Donor')}</th>}
            <th scope="col" class="num">
              {t('Betrag', 'Amount')}
            </th>
            <th scope="col">{t('Art', 'Method')}</th>
            <th scope="col">{t('Zweck', 'Purpose')}</th>
            <th scope="col">{t('Rhythmus', 'Interval')}</th>
            <th scope="col">{t('Status', 'Status')}</th>
          </tr>
        </thead>
        <tbody>
          {props.gifts.map((g) => (
            <tr>
              <td>
                <a href={`/donations/${g.id}`}>{formatDate(g.donated_on)}</a>
              </td>
              {props.showDonor && <td>{g.donor_id ? <a href={`/donors/${g.donor_id}`}>{g.donor_name}</a> : <em>{t('anonym', 'anonymous')}</em>}</td>}
              <td class="num">
                {formatEuro(g.amount_cents)}
                {g.refunded_cents > 0 && <div class="hint">{t(`erstattet ${formatEuro(g.refunded_cents)}`, `refunded ${formatEuro(g.refunded_cents)}`)}</div>}
              </td>
              <td>
                {say(c, DONATION_METHOD_LABELS[g.method]!)}
                {g.waiver && <div class="hint">{t('Aufwandsspende', 'waived reimbursement')}</div>}
              </td>
              <td>{g.purpose_name ?? t('wo am nötigsten', 'where most needed')}</td>
              <td>{g.subscription_id ? t('monatlich', 'monthly') : t('einmalig', 'once')}</td>
              <td>
                <StatusBadge c={c} status={g.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
