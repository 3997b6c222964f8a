import { moneyTotalsOf } from '../../api/grants/money-queries';
import type { AppContext } from '../../api/http/context';
import { drawdown } from '../../api/lib/grant-finances';
import { formatEuro } from '../../api/lib/money';
import type { GrantApplication } from '../../db/schema';
import { tr } from '../i18n';

/** On the application page: approved, received, still to draw down, and the link to the finances (grants money). */
export async function MoneySection(props: { c: AppContext; application: GrantApplication }) {
  const { c } = props;
  const t = tr(c);
  const id = Number(props.application.id);
  const totals = await moneyTotalsOf(c.get('deps').db, id);
  if (!totals) return null;
  const d = drawdown(totals.approved_cents, totals.received_cents);
  return (
    <section aria-labelledby="h-money" class="grant-money">
      <h2 id="h-money">{t('Finanzen', 'Finances')}</h2>
      <dl class="facts">
        <dt>{t('Bewilligt', 'Approved')}</dt>
        <dd>{d.approved_cents === null ? t('noch nicht bewilligt', 'not approved yet') : formatEuro(d.approved_cents)}</dd>
        <dt>{t('Erhalten', 'Received')}</dt>
        <dd>{formatEuro(d.received_cents)}</dd>
        <dt>{t('Noch abzurufen', 'Still to draw down')}</dt>
        <dd>{formatEuro(d.to_draw_down_cents)}</dd>
        {d.over_received_cents > 0 && (
          <>
            <dt>{t('Mehr erhalten als bewilligt', 'Received above approved')}</dt>
            <dd class="error">{formatEuro(d.over_received_cents)}</dd>
          </>
        )}
        <dt>{t('Ausgegeben', 'Spent')}</dt>
        <dd>
          {formatEuro(totals.spent_cents)}
          {totals.planned_cents > 0 && t(` von ${formatEuro(totals.planned_cents)} geplant`, ` of ${formatEuro(totals.planned_cents)} planned`)}
        </dd>
      </dl>
      <p>
        <a href={`/grants/${id}/finances`}>{t('Kostenplan, Zahlungen, Ausgaben und Verwendungsnachweis', 'Cost plan, payments, expenses and Verwendungsnachweis')}</a>
      </p>
    </section>
  );
}
