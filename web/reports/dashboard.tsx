import type { Child } from 'hono/jsx';
import { accessFor, isAllowed } from '../../api/http/access';
import { roleOf, type AppContext } from '../../api/http/context';
import type { Msg } from '../../api/http/errors';
import { formatDate } from '../../api/lib/dates';
import { DEADLINE_KIND_LABELS, GRANT_STATUS_LABELS } from '../../api/lib/grants';
import { formatEuro } from '../../api/lib/money';
import { periodQuery } from '../../api/lib/report-periods';
import { INCOME_SOURCES, type ArrearsBucket, type DashboardFigures, type DeadlineFigure } from '../../api/reports/dashboard-figures';
import type { IncomeSource } from '../../api/reports/queries';
import type { GrantDeadlineKind } from '../../db/schema';
import { say, tr, type T } from '../i18n';
import { EmptyState, Layout } from '../layout';
import { axisCount, axisEuro, BarChart, ChartWithTable, ColumnChart } from './charts';

/**
 * The board's and treasurer's finance dashboard (issue #7, "Dashboard"). Every figure carries
 * data-figure="<key>" and data-value="<integer: cents or a count>" so a browser test can compare
 * it with the database; it links to the list behind it only where the viewer's role may open
 * that list (the ACCESS table decides, as for the navigation).
 */

const SOURCE_LABELS: Record<IncomeSource, Msg> = {
  dues: { de: 'Mitgliedsbeiträge', en: 'Membership dues' },
  donations_once: { de: 'Einzelspenden', en: 'One-off donations' },
  donations_monthly: { de: 'Monatliche Spenden', en: 'Monthly donations' },
  grants: { de: 'Fördermittel', en: 'Grants' },
};
const SOURCE_COLORS: Record<IncomeSource, string> = { dues: '#1f5fa8', donations_once: '#2e7d32', donations_monthly: '#8bc34a', grants: '#8e3fa8' };
const PREVIOUS_COLOR = '#333333';

const BUCKET_LABELS: Record<ArrearsBucket, Msg> = {
  d0_30: { de: '0–30 Tage', en: '0–30 days' },
  d31_90: { de: '31–90 Tage', en: '31–90 days' },
  d91_180: { de: '91–180 Tage', en: '91–180 days' },
  d181_plus: { de: 'über 180 Tage', en: 'over 180 days' },
};

const MONTHS_DE = ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthLabel(c: AppContext, month: string, withYear: boolean) {
  const names = c.get('lang') === 'en' ? MONTHS_EN : MONTHS_DE;
  const name = names[Number(month.slice(5, 7)) - 1]!;
  return withYear ? `${name} ${month.slice(0, 4)}` : name;
}

/** Whether the viewer's role may open this list (the path without its query string). */
export function mayOpen(c: AppContext, href: string): boolean {
  const role = roleOf(c.get('identity') ?? { kind: 'anonymous' });
  if (!role) return false;
  const rule = accessFor('GET', href.split(/[?#]/)[0]!);
  return rule !== null && isAllowed(rule.access, role);
}

/** One figure: a link to its list where the viewer may open it, else plain text. */
function Fig(props: { c: AppContext; k: string; value: number; money?: boolean; href?: string; text?: string }) {
  const text = props.text ?? (props.money ? formatEuro(props.value) : props.value.toLocaleString('de-DE'));
  if (props.href && mayOpen(props.c, props.href)) {
    return (
      <a href={props.href} data-figure={props.k} data-value={String(props.value)}>
        {text}
      </a>
    );
  }
  return (
    <span data-figure={props.k} data-value={String(props.value)}>
      {text}
    </span>
  );
}

function change(t: T, now: number, before: number) {
  if (before === 0) return now === 0 ? t('unverändert', 'unchanged') : t('Vorjahr: nichts', 'last year: none');
  const pct = ((now - before) / before) * 100;
  const s = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(pct);
  return t(`${s} % zum Vorjahr`, `${s} % on last year`);
}

export function DashboardPage(props: { c: AppContext; f: DashboardFigures; error: { field: string; message: Msg } | null; input: { period?: string; from?: string; to?: string } }) {
  const { c, f } = props;
  const t = tr(c);
  return (
    <Layout c={c} title={t('Finanzen', 'Finances')}>
      <PeriodForms c={c} f={f} error={props.error} input={props.input} />
      <p class="hint" id="period-label" data-from={f.period.from} data-to={f.period.to} data-as-of={f.period.as_of}>
        {t('Zeitraum', 'Period')}: <strong>{say(c, f.period.label)}</strong>
        {f.period.kind === 'range' ? '' : ` (${formatDate(f.period.from)} – ${formatDate(f.period.to)})`} · {t('Vergleich', 'Compared with')}: {say(c, f.comparison.label)}
        {f.period.kind === 'range' || f.period.kind === 'year_to_date' ? '' : ` (${formatDate(f.comparison.from)} – ${formatDate(f.comparison.to)})`}
      </p>
      <KassenberichtLink c={c} f={f} />
      <Income c={c} f={f} />
      <Dues c={c} f={f} />
      <Members c={c} f={f} />
      <Donations c={c} f={f} />
      <Grants c={c} f={f} />
    </Layout>
  );
}

/** The period shown (the default one after a refused input) as the Kassenbericht for the general assembly. */
function KassenberichtLink(props: { c: AppContext; f: DashboardFigures }) {
  const query = periodQuery({ ...props.f.period, asOf: props.f.period.as_of });
  const href = `/dashboard/kassenbericht.pdf${query ? `?${query}` : ''}`;
  if (!mayOpen(props.c, href)) return null;
  return (
    <p>
      <a href={href} id="kassenbericht-pdf" download>
        Kassenbericht (PDF)
      </a>{' '}
      <small class="hint">{tr(props.c)('für die Mitgliederversammlung, mit den Zahlen dieses Zeitraums', 'for the general assembly, with this period’s figures (in German)')}</small>
    </p>
  );
}

function PeriodForms(props: { c: AppContext; f: DashboardFigures; error: { field: string; message: Msg } | null; input: { period?: string; from?: string; to?: string } }) {
  const { c, f } = props;
  const t = tr(c);
  const year = Number(f.today.slice(0, 4));
  const currentQuarter = Math.floor((Number(f.today.slice(5, 7)) - 1) / 3) + 1;
  const options: { value: string; label: string }[] = [{ value: '', label: t('Laufendes Jahr bis heute', 'Current year to date') }];
  for (let y = year; y >= year - 4; y--) options.push({ value: String(y), label: String(y) });
  for (const y of [year, year - 1]) {
    for (let q = 4; q >= 1; q--) if (y < year || q <= currentQuarter) options.push({ value: `${y}-Q${q}`, label: t(`${q}. Quartal ${y}`, `Q${q} ${y}`) });
  }
  const chosen = props.error ? '' : f.period.kind === 'year' || f.period.kind === 'quarter' ? f.period.key : '';
  const rangeFrom = props.error ? (props.input.from ?? '') : f.period.kind === 'range' ? f.period.from : '';
  const rangeTo = props.error ? (props.input.to ?? '') : f.period.kind === 'range' ? f.period.to : '';
  const lang = c.get('lang') === 'en' ? <input type="hidden" name="lang" value="en" /> : null;
  return (
    <>
      {props.error && (
        <div class="error-summary" role="alert" id="period-error" tabindex={-1}>
          <p>
            <strong>{t('Dieser Zeitraum geht nicht.', 'This period does not work.')}</strong> {say(c, props.error.message)}
          </p>
        </div>
      )}
      <div class="toolbar" role="search" aria-label={t('Zeitraum wählen', 'Choose the period')}>
        <form method="get" action="/dashboard" class="inline">
          {lang}
          <div class="field">
            <label for="period">{t('Jahr oder Quartal', 'Year or quarter')}</label>
            <select id="period" name="period">
              {options.map((o) => (
                <option value={o.value} selected={o.value === chosen}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="secondary">
            {t('Anzeigen', 'Show')}
          </button>
        </form>
        <form method="get" action="/dashboard" class="inline">
          {lang}
          <div class={`field${props.error?.field === 'from' ? ' invalid' : ''}`}>
            <label for="from">{t('Von', 'From')}</label>
            <input id="from" name="from" type="date" value={rangeFrom} aria-invalid={props.error?.field === 'from' ? 'true' : undefined} aria-describedby={props.error?.field === 'from' ? 'period-error' : undefined} />
          </div>
          <div class={`field${props.error?.field === 'to' ? ' invalid' : ''}`}>
            <label for="to">{t('Bis', 'To')}</label>
            <input id="to" name="to" type="date" value={rangeTo} aria-invalid={props.error?.field === 'to' ? 'true' : undefined} aria-describedby={props.error?.field === 'to' ? 'period-error' : undefined} />
          </div>
          <button type="submit" class="secondary">
            {t('Zeitraum anzeigen', 'Show range')}
          </button>
        </form>
      </div>
    </>
  );
}

function Section(props: { id: string; title: string; children: Child }) {
  return (
    <section aria-labelledby={props.id} class="dashboard-section">
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

function Income(props: { c: AppContext; f: DashboardFigures }) {
  const { c, f } = props;
  const t = tr(c);
  const inc = f.income;
  const multiYear = f.period.from.slice(0, 4) !== f.period.to.slice(0, 4);
  const donationsHref = `/donations?from=${f.period.from}&to=${f.period.to}`;
  const hrefOf: Record<IncomeSource, string> = { dues: '/dues', donations_once: donationsHref, donations_monthly: donationsHref, grants: '/grants' };
  const empty = inc.totals.total === 0 && inc.previous_totals.total === 0;
  return (
    <Section id="income" title={t('Einnahmen', 'Income')}>
      <dl class="facts">
        <dt>{t('Einnahmen im Zeitraum', 'Income in the period')}</dt>
        <dd>
          <Fig c={c} k="income.total" value={inc.totals.total} money /> <small class="hint">({change(t, inc.totals.total, inc.previous_totals.total)})</small>
        </dd>
        <dt>{t('Im Vorjahreszeitraum', 'Same period last year')}</dt>
        <dd>
          <Fig c={c} k="income.previous.total" value={inc.previous_totals.total} money />
        </dd>
      </dl>
      {empty ? (
        <EmptyState>{t('In diesem Zeitraum und im Vorjahreszeitraum ist nichts eingegangen.', 'Nothing came in during this period or the same period last year.')}</EmptyState>
      ) : (
        <ChartWithTable
          chart={
            <ColumnChart
              id="chart-income"
              title={t('Einnahmen nach Monat und Quelle', 'Income by month and source')}
              desc={t(
                `Gestapelte Säulen je Monat: Beiträge, Einzelspenden, monatliche Spenden, Fördermittel; gestrichelt: der gleiche Monat im Vorjahr. Summe ${formatEuro(inc.totals.total)}, Vorjahr ${formatEuro(inc.previous_totals.total)}.`,
                `Stacked columns per month: dues, one-off donations, monthly donations, grants; dashed: the same month last year. Total ${formatEuro(inc.totals.total)}, last year ${formatEuro(inc.previous_totals.total)}.`,
              )}
              categories={inc.months.map((m) => ({ key: m.month, label: monthLabel(c, m.month, multiYear) }))}
              series={INCOME_SOURCES.map((s) => ({ key: s, label: say(c, SOURCE_LABELS[s]), values: inc.months.map((m) => m.current[s]), color: SOURCE_COLORS[s] }))}
              line={{ key: 'previous', label: t('Vorjahr', 'Last year'), values: inc.months.map((m) => m.previous.total), color: PREVIOUS_COLOR }}
              format={axisEuro}
            />
          }
          table={
            <table id="table-income">
              <caption>{t('Einnahmen nach Monat und Quelle', 'Income by month and source')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('Monat', 'Month')}</th>
                  {INCOME_SOURCES.map((s) => (
                    <th scope="col" class="num">
                      {say(c, SOURCE_LABELS[s])}
                    </th>
                  ))}
                  <th scope="col" class="num">
                    {t('Summe', 'Total')}
                  </th>
                  <th scope="col" class="num">
                    {t('Vorjahr', 'Last year')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {inc.months.map((m) => (
                  <tr>
                    <th scope="row">{monthLabel(c, m.month, true)}</th>
                    {INCOME_SOURCES.map((s) => (
                      <td class="num">
                        <Fig c={c} k={`income.${m.month}.${s}`} value={m.current[s]} money />
                      </td>
                    ))}
                    <td class="num">
                      <Fig c={c} k={`income.${m.month}.total`} value={m.current.total} money />
                    </td>
                    <td class="num">
                      <Fig c={c} k={`income.${m.month}.previous`} value={m.previous.total} money />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('Zeitraum', 'Period')}</th>
                  {INCOME_SOURCES.map((s) => (
                    <td class="num">
                      <Fig c={c} k={`income.${s}`} value={inc.totals[s]} money href={hrefOf[s]} />
                    </td>
                  ))}
                  <td class="num">{formatEuro(inc.totals.total)}</td>
                  <td class="num">{formatEuro(inc.previous_totals.total)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('Vorjahr', 'Last year')}</th>
                  {INCOME_SOURCES.map((s) => (
                    <td class="num">
                      <Fig c={c} k={`income.previous.${s}`} value={inc.previous_totals[s]} money />
                    </td>
                  ))}
                  <td class="num">{formatEuro(inc.previous_totals.total)}</td>
                  <td></td>
                </tr>
              </tfoot>
            </table>
          }
        />
      )}
    </Section>
  );
}

function Dues(props: { c: AppContext; f: DashboardFigures }) {
  const { c, f } = props;
  const t = tr(c);
  const d = f.dues;
  return (
    <Section id="dues" title={t('Mitgliedsbeiträge', 'Membership dues')}>
      <dl class="facts">
        <dt>{t('Erwartet (im Zeitraum fällig)', 'Expected (due in the period)')}</dt>
        <dd>
          <Fig c={c} k="dues.expected" value={d.expected_cents} money href="/dues/claims" /> <small class="hint">({t(`${d.claims} Forderungen`, `${d.claims} claims`)})</small>
        </dd>
        <dt>{t('Davon bezahlt', 'Of which paid')}</dt>
        <dd>
          <Fig c={c} k="dues.received" value={d.received_cents} money href="/dues/claims" />
        </dd>
        <dt>{t('Davon offen', 'Of which open')}</dt>
        <dd>
          <Fig c={c} k="dues.open" value={d.open_cents} money href="/dues/claims?status=open" /> <small class="hint">({t(`${d.open_claims} Forderungen`, `${d.open_claims} claims`)})</small>
        </dd>
        <dt>{t('Davon ausgebucht', 'Of which written off')}</dt>
        <dd>
          <Fig c={c} k="dues.written_off" value={d.written_off_cents} money href="/dues/claims?status=written_off" />
        </dd>
        <dt>{t('Rücklastschriften', 'Returned debits')}</dt>
        <dd>
          <Fig c={c} k="dues.returned.count" value={d.returned_debits.count} href="/sepa" /> · <Fig c={c} k="dues.returned.sum" value={d.returned_debits.cents} money href="/sepa" />
        </dd>
      </dl>
      <h3 id="arrears-heading">{t(`Rückstände am ${formatDate(d.arrears.as_of)} nach Alter`, `Arrears on ${formatDate(d.arrears.as_of)} by age`)}</h3>
      <p>
        {t('Zusammen', 'In all')}: <Fig c={c} k="dues.arrears.total" value={d.arrears.total_cents} money href="/dues/arrears" />{' '}
        <small class="hint">
          ({t(`${d.arrears.claims} Forderungen von`, `${d.arrears.claims} claims of`)} <Fig c={c} k="dues.arrears.debtors" value={d.arrears.debtors} href="/members?arrears=1" /> {t('Zahlenden', 'payers')})
        </small>
      </p>
      {d.arrears.claims === 0 ? (
        <EmptyState>{t('Keine Rückstände.', 'No arrears.')}</EmptyState>
      ) : (
        <ChartWithTable
          chart={
            <BarChart
              id="chart-arrears"
              title={t('Rückstände nach Tagen über Fälligkeit', 'Arrears by days past due')}
              desc={t(`Offene Beträge nach Alter, zusammen ${formatEuro(d.arrears.total_cents)}.`, `Open amounts by age, ${formatEuro(d.arrears.total_cents)} in all.`)}
              bars={d.arrears.buckets.map((b) => ({ key: b.key, label: say(c, BUCKET_LABELS[b.key]), value: b.cents }))}
              color="#c0392b"
              format={(n) => formatEuro(n)}
            />
          }
          table={
            <table id="table-arrears">
              <caption>{t('Rückstände nach Alter', 'Arrears by age')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('Über Fälligkeit', 'Past due')}</th>
                  <th scope="col" class="num">
                    {t('Forderungen', 'Claims')}
                  </th>
                  <th scope="col" class="num">
                    {t('Offen', 'Open')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.arrears.buckets.map((b) => (
                  <tr>
                    <th scope="row">{say(c, BUCKET_LABELS[b.key])}</th>
                    <td class="num">
                      <Fig c={c} k={`dues.arrears.${b.key}.claims`} value={b.claims} />
                    </td>
                    <td class="num">
                      <Fig c={c} k={`dues.arrears.${b.key}`} value={b.cents} money href="/dues/arrears" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      )}
    </Section>
  );
}

function Members(props: { c: AppContext; f: DashboardFigures }) {
  const { c, f } = props;
  const t = tr(c);
  const m = f.members;
  const multiYear = f.period.from.slice(0, 4) !== f.period.to.slice(0, 4);
  return (
    <Section id="members" title={t('Mitglieder', 'Members')}>
      <dl class="facts">
        <dt>{t(`Mitglieder am ${formatDate(m.as_of)}`, `Members on ${formatDate(m.as_of)}`)}</dt>
        <dd>
          <Fig c={c} k="members.total" value={m.total} href="/members?status=active" />
        </dd>
        <dt>{t('Eintritte im Zeitraum', 'Joined in the period')}</dt>
        <dd>
          <Fig c={c} k="members.joins" value={m.joins} href="/members" />
        </dd>
        <dt>{t('Austritte im Zeitraum', 'Left in the period')}</dt>
        <dd>
          <Fig c={c} k="members.exits" value={m.exits} href="/members?status=left" />
        </dd>
      </dl>
      {m.joins + m.exits === 0 ? (
        <EmptyState>{t('Keine Ein- oder Austritte in diesem Zeitraum.', 'Nobody joined or left in this period.')}</EmptyState>
      ) : (
        <ChartWithTable
          chart={
            <ColumnChart
              id="chart-members"
              title={t('Eintritte und Austritte nach Monat', 'Joins and exits by month')}
              desc={t(`Säulen je Monat: Eintritte und Austritte. Zusammen ${m.joins} Eintritte, ${m.exits} Austritte.`, `Columns per month: joins and exits. ${m.joins} joins, ${m.exits} exits in all.`)}
              categories={m.months.map((x) => ({ key: x.month, label: monthLabel(c, x.month, multiYear) }))}
              series={[
                { key: 'joins', label: t('Eintritte', 'Joins'), values: m.months.map((x) => x.joins), color: '#2e7d32' },
                { key: 'exits', label: t('Austritte', 'Exits'), values: m.months.map((x) => x.exits), color: '#c0392b' },
              ]}
              grouped
              format={axisCount}
            />
          }
          table={
            <table id="table-member-months">
              <caption>{t('Eintritte und Austritte nach Monat', 'Joins and exits by month')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('Monat', 'Month')}</th>
                  <th scope="col" class="num">
                    {t('Eintritte', 'Joins')}
                  </th>
                  <th scope="col" class="num">
                    {t('Austritte', 'Exits')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {m.months.map((x) => (
                  <tr>
                    <th scope="row">{monthLabel(c, x.month, true)}</th>
                    <td class="num">
                      <Fig c={c} k={`members.${x.month}.joins`} value={x.joins} />
                    </td>
                    <td class="num">
                      <Fig c={c} k={`members.${x.month}.exits`} value={x.exits} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      )}
      <h3 id="member-types">{t('Nach Mitgliedsart', 'By membership type')}</h3>
      {m.by_type.length === 0 ? (
        <EmptyState>{t('Noch keine Mitgliedsarten angelegt.', 'No membership types yet.')}</EmptyState>
      ) : (
        <div class="table-wrap">
          <table id="table-member-types">
            <caption>{t(`Mitglieder am ${formatDate(m.as_of)}, Ein- und Austritte im Zeitraum`, `Members on ${formatDate(m.as_of)}, joins and exits in the period`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Mitgliedsart', 'Membership type')}</th>
                <th scope="col" class="num">
                  {t('Mitglieder', 'Members')}
                </th>
                <th scope="col" class="num">
                  {t('Eintritte', 'Joins')}
                </th>
                <th scope="col" class="num">
                  {t('Austritte', 'Exits')}
                </th>
              </tr>
            </thead>
            <tbody>
              {m.by_type.map((x) => (
                <tr>
                  <th scope="row">{x.name}</th>
                  <td class="num">
                    <Fig c={c} k={`members.type.${x.id}`} value={x.count} href={`/members?status=active&type=${x.id}`} />
                  </td>
                  <td class="num">
                    <Fig c={c} k={`members.type.${x.id}.joins`} value={x.joins} />
                  </td>
                  <td class="num">
                    <Fig c={c} k={`members.type.${x.id}.exits`} value={x.exits} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function Donations(props: { c: AppContext; f: DashboardFigures }) {
  const { c, f } = props;
  const t = tr(c);
  const d = f.donations;
  const range = `from=${f.period.from}&to=${f.period.to}`;
  const purposeName = (p: { name_de: string | null; name_en: string | null; purpose_id: number | null }) =>
    p.purpose_id === null ? t('Wo am nötigsten', 'Where most needed') : c.get('lang') === 'en' ? (p.name_en ?? p.name_de ?? '') : (p.name_de ?? '');
  return (
    <Section id="donations" title={t('Spenden', 'Donations')}>
      <dl class="facts">
        <dt>{t('Eingegangen im Zeitraum', 'Received in the period')}</dt>
        <dd>
          <Fig c={c} k="donations.sum" value={d.cents} money href={`/donations?${range}&status=succeeded`} /> (
          <Fig c={c} k="donations.gifts" value={d.gifts} href={`/donations?${range}&status=succeeded`} text={t(`${d.gifts} Spenden`, `${d.gifts} gifts`)} />)
        </dd>
        <dt>{t('Spenderinnen und Spender', 'Donors')}</dt>
        <dd>
          <Fig c={c} k="donations.donors" value={d.donors} href="/donors" />
          {d.anonymous_gifts > 0 && <small class="hint"> {t(`(dazu ${d.anonymous_gifts} anonyme Spenden)`, `(plus ${d.anonymous_gifts} anonymous gifts)`)}</small>}
        </dd>
        <dt>{t('Durchschnittliche Spende', 'Average gift')}</dt>
        <dd>
          <Fig c={c} k="donations.average" value={d.average_cents} money />
        </dd>
        <dt>{t('Laufende Monatsspenden', 'Running monthly gifts')}</dt>
        <dd>
          <Fig c={c} k="donations.recurring.gifts" value={d.recurring.gifts} /> {t('von', 'from')} <Fig c={c} k="donations.recurring.donors" value={d.recurring.donors} href="/donors" />{' '}
          {t('Dauerspendern', 'regular donors')}, {t('zusammen', 'together')} <Fig c={c} k="donations.recurring.monthly" value={d.recurring.monthly_cents} money /> {t('im Monat', 'a month')}
        </dd>
      </dl>
      <h3 id="donation-purposes">{t('Nach Zweck oder Kampagne', 'By purpose or campaign')}</h3>
      {d.by_purpose.length === 0 ? (
        <EmptyState>{t('In diesem Zeitraum sind keine Spenden eingegangen.', 'No donations arrived in this period.')}</EmptyState>
      ) : (
        <ChartWithTable
          chart={
            <BarChart
              id="chart-purposes"
              title={t('Spenden nach Zweck', 'Donations by purpose')}
              desc={t(`Eingegangene Spenden je Zweck, zusammen ${formatEuro(d.cents)}.`, `Donations received per purpose, ${formatEuro(d.cents)} in all.`)}
              bars={d.by_purpose.map((p) => ({ key: String(p.purpose_id ?? 'none'), label: purposeName(p), value: p.cents }))}
              color="#2e7d32"
              format={(n) => formatEuro(n)}
            />
          }
          table={
            <table id="table-purposes">
              <caption>{t('Spenden nach Zweck', 'Donations by purpose')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('Zweck', 'Purpose')}</th>
                  <th scope="col" class="num">
                    {t('Spenden', 'Gifts')}
                  </th>
                  <th scope="col" class="num">
                    {t('Betrag', 'Amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.by_purpose.map((p) => {
                  const key = p.purpose_id ?? 'none';
                  return (
                    <tr>
                      <th scope="row">{purposeName(p)}</th>
                      <td class="num">
                        <Fig c={c} k={`donations.purpose.${key}.gifts`} value={p.gifts} />
                      </td>
                      <td class="num">
                        <Fig c={c} k={`donations.purpose.${key}`} value={p.cents} money href={`/donations?${range}&status=succeeded&purpose=${key}`} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          }
        />
      )}
    </Section>
  );
}

function Grants(props: { c: AppContext; f: DashboardFigures }) {
  const { c, f } = props;
  const t = tr(c);
  const g = f.grants;
  const used = g.by_status.filter((s) => s.count > 0);
  return (
    <Section id="grants" title={t('Fördermittel', 'Grants')}>
      <dl class="facts">
        <dt>{t('Bewilligt (alle bewilligten Anträge)', 'Approved (all approved applications)')}</dt>
        <dd>
          <Fig c={c} k="grants.approved" value={g.approved_cents} money href="/grants" />
        </dd>
        <dt>{t('Davon eingegangen', 'Of which received')}</dt>
        <dd>
          <Fig c={c} k="grants.received" value={g.received_cents} money href="/grants" />
        </dd>
        <dt>{t('Noch zu erwarten', 'Still to come')}</dt>
        <dd>
          <Fig c={c} k="grants.outstanding" value={g.outstanding_cents} money />
        </dd>
      </dl>
      <h3 id="grant-statuses">{t('Nach Stand im Antragsverfahren (heute)', 'By pipeline status (today)')}</h3>
      {used.length === 0 ? (
        <EmptyState>{t('Noch keine Förderanträge.', 'No grant applications yet.')}</EmptyState>
      ) : (
        <ChartWithTable
          chart={
            <BarChart
              id="chart-grants"
              title={t('Förderanträge nach Status', 'Grant applications by status')}
              desc={t('Beantragte Beträge, nach einer Zusage die bewilligten, je Status.', 'Requested amounts, the approved ones after a yes, per status.')}
              bars={used.map((s) => ({ key: s.status, label: say(c, GRANT_STATUS_LABELS[s.status as keyof typeof GRANT_STATUS_LABELS]), value: s.amount_cents }))}
              color="#8e3fa8"
              format={(n) => formatEuro(n)}
            />
          }
          table={
            <table id="table-grants">
              <caption>{t('Förderanträge nach Status', 'Grant applications by status')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('Status', 'Status')}</th>
                  <th scope="col" class="num">
                    {t('Anträge', 'Applications')}
                  </th>
                  <th scope="col" class="num">
                    {t('Betrag', 'Amount')}
                  </th>
                  <th scope="col" class="num">
                    {t('Eingegangen', 'Received')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {used.map((s) => (
                  <tr>
                    <th scope="row">{say(c, GRANT_STATUS_LABELS[s.status as keyof typeof GRANT_STATUS_LABELS])}</th>
                    <td class="num">
                      <Fig c={c} k={`grants.status.${s.status}.count`} value={s.count} href={`/grants#status-${s.status}`} />
                    </td>
                    <td class="num">
                      <Fig c={c} k={`grants.status.${s.status}`} value={s.amount_cents} money href={`/grants#status-${s.status}`} />
                    </td>
                    <td class="num">
                      <Fig c={c} k={`grants.status.${s.status}.received`} value={s.received_cents} money />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      )}
      <h3 id="grant-overdue">
        {t('Überfällige Fristen', 'Overdue deadlines')} (<Fig c={c} k="grants.overdue.count" value={g.overdue_count} href="/grants/calendar" />)
      </h3>
      {g.overdue.length === 0 ? <EmptyState>{t('Keine überfälligen Fristen.', 'No overdue deadlines.')}</EmptyState> : <DeadlineTable c={c} rows={g.overdue} id="table-overdue" today={f.today} />}
      <h3 id="grant-next">{t('Die nächsten zehn Fristen', 'The next ten deadlines')}</h3>
      {g.next.length === 0 ? <EmptyState>{t('Keine offenen Fristen.', 'No open deadlines.')}</EmptyState> : <DeadlineTable c={c} rows={g.next} id="table-next-deadlines" today={f.today} />}
    </Section>
  );
}

function DeadlineTable(props: { c: AppContext; rows: DeadlineFigure[]; id: string; today: string }) {
  const { c } = props;
  const t = tr(c);
  return (
    <div class="table-wrap">
      <table id={props.id}>
        <thead>
          <tr>
            <th scope="col">{t('Fällig', 'Due')}</th>
            <th scope="col">{t('Frist', 'Deadline')}</th>
            <th scope="col">{t('Antrag', 'Application')}</th>
            <th scope="col">{t('Fördermittelgeber', 'Funder')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((d) => (
            <tr data-deadline={String(d.id)} data-due={d.due_on}>
              <td>{formatDate(d.due_on)}</td>
              <td>
                {d.title} <small class="hint">({say(c, DEADLINE_KIND_LABELS[d.kind as GrantDeadlineKind] ?? { de: d.kind, en: d.kind })})</small>
              </td>
              <td>{mayOpen(c, `/grants/${d.application_id}`) ? <a href={`/grants/${d.application_id}`}>{d.application_title}</a> : d.application_title}</td>
              <td>{d.funder_name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

