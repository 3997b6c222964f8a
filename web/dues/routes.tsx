import { Hono } from 'hono';
import { z } from 'zod';
import { exportClaimsCsv } from '../../api/dues/export-claims-csv';
import { arrears, listClaims, listDuesRuns, recentReminders } from '../../api/dues/queries';
import { planDunning, runDunning } from '../../api/dues/run-dunning';
import { recordPayment } from '../../api/dues/record-payment';
import { runDues } from '../../api/dues/run-dues';
import { duesRunSchema, paymentSchema, writeOffSchema } from '../../api/dues/schemas';
import { writeOffClaim } from '../../api/dues/write-off-claim';
import { inTransaction } from '../../api/deps';
import { kickOutbox } from '../../api/jobs/deliver-outbox';
import { actorOf, type AppContext, type AppEnv } from '../../api/http/context';
import { AppError, msg } from '../../api/http/errors';
import { parseOrThrow } from '../../api/http/validate';
import { berlinToday, formatDate, formatDateTime } from '../../api/lib/dates';
import { formatEuro } from '../../api/lib/money';
import { setFlash } from '../flash';
import { attempt, fieldErrorsOf, readForm } from '../forms';
import { CLAIM_STATUS_LABELS, PAYMENT_METHOD_LABELS, say, tr } from '../i18n';
import { Csrf, EmptyState, ErrorSummary, Field, Layout, Pager, Select } from '../layout';

const PAGE = 100;

/** Back to where the form was (the member page), never off-site. */
function backTo(form: Record<string, unknown>, fallback: string) {
  const back = form.back;
  return typeof back === 'string' && /^\/members\/\d+$/.test(back) ? back : fallback;
}

/** The claims list's status filter (an unknown value shows every claim, as the list does). */
function claimStatusOf(c: AppContext) {
  return z.enum(['open', 'partly_paid', 'paid', 'written_off', 'returned', 'submitted']).optional().catch(undefined).parse(c.req.query('status'));
}

function claimId(c: AppContext) {
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found');
  return id;
}

export function webDuesRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/dues', async (c) => c.html(await duesPage(c, {})));

  app.post('/dues/runs', async (c) => {
    const deps = c.get('deps');
    const form = await readForm(c);
    const result = await attempt(() => {
      const input = parseOrThrow(duesRunSchema, form);
      return inTransaction(deps.db, (trx) => runDues(trx, { ...input, actor: actorOf(c) }, deps));
    });
    if (!result.ok) return c.html(await duesPage(c, { form, error: result.error }), 422);
    kickOutbox(deps);
    const r = result.value;
    const notices = r.notices.mails || r.notices.withoutEmail.length
      ? msg(
          ` ${r.notices.mails} Zahlungsaufforderung(en) mit GiroCode an Überweiser im Postausgang${r.notices.withoutEmail.length ? `; ohne E-Mail (bitte per Brief): ${r.notices.withoutEmail.join(', ')}` : ''}.`,
          ` ${r.notices.mails} payment request(s) with GiroCode to transfer payers in the outbox${r.notices.withoutEmail.length ? `; without e-mail (send a letter): ${r.notices.withoutEmail.join(', ')}` : ''}.`,
        )
      : msg('', '');
    const range = `${formatDate(r.period_from)}–${formatDate(r.period_to)}`;
    setFlash(
      c,
      r.claims_created ? 'success' : 'info',
      r.claims_created
        ? msg(
            `Beitragslauf ${range}: ${r.claims_created} Forderungen über ${formatEuro(r.amount_created_cents)} angelegt${r.claims_skipped ? `, ${r.claims_skipped} bestanden schon` : ''}.${notices.de}`,
            `Dues run ${range}: ${r.claims_created} claims of ${formatEuro(r.amount_created_cents)} created${r.claims_skipped ? `, ${r.claims_skipped} existed already` : ''}.${notices.en}`,
          )
        : msg(
            `Beitragslauf ${range}: nichts Neues angelegt – ${r.claims_skipped} Forderungen für diesen Zeitraum bestanden schon.`,
            `Dues run ${range}: nothing new created – ${r.claims_skipped} claims for this period existed already.`,
          ),
    );
    return c.redirect('/dues');
  });

  app.get('/dues/claims', async (c) => {
    const t = tr(c);
    const status = claimStatusOf(c);
    const page = Math.max(1, Number(c.req.query('page')) || 1);
    const [rows, totals] = await listClaims(c.get('deps').db, { status, limit: PAGE, offset: (page - 1) * PAGE });
    return c.html(
      <Layout c={c} title={t('Forderungen', 'Claims')}>
        <DuesNav c={c} />
        <div class="actions">
          <a href={`/dues/claims/export.csv${status ? `?status=${status}` : ''}`}>{t('Als CSV (Excel)', 'As CSV (Excel)')}</a>
        </div>
        <form method="get" action="/dues/claims" class="toolbar" role="search">
          <Select c={c} name="status" label={t('Status', 'Status')} value={status} options={Object.entries(CLAIM_STATUS_LABELS).map(([value, m]) => ({ value, label: say(c, m) }))} blank={t('alle', 'all')} />
          <button type="submit" class="secondary">
            {t('Filtern', 'Filter')}
          </button>
        </form>
        <p role="status">
          {t(`${totals.n} Forderung(en), davon offen: ${formatEuro(totals.open_cents)}`, `${totals.n} claim(s), open: ${formatEuro(totals.open_cents)}`)}
        </p>
        {rows.length === 0 ? (
          <EmptyState>
            {status
              ? t(`Keine Forderungen mit dem Status „${say(c, CLAIM_STATUS_LABELS[status]!)}“.`, `No claims with the status “${say(c, CLAIM_STATUS_LABELS[status]!)}”.`)
              : t('Noch keine Forderungen. Ein Beitragslauf legt sie an.', 'No claims yet. A dues run creates them.')}
          </EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Fällig', 'Due')}</th>
                  <th scope="col">{t('Mitglied', 'Member')}</th>
                  <th scope="col">{t('Forderung', 'Claim')}</th>
                  <th scope="col" class="num">
                    {t('Betrag', 'Amount')}
                  </th>
                  <th scope="col" class="num">
                    {t('Bezahlt', 'Paid')}
                  </th>
                  <th scope="col">{t('Status', 'Status')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td>{formatDate(r.due_date)}</td>
                    <td>
                      <a href={`/members/${r.member_id}`}>
                        {r.last_name}, {r.first_name}
                      </a>
                      {r.debtor_member_id !== r.member_id && (
                        <div class="hint">
                          {t('zahlt', 'paid by')}: <a href={`/members/${r.debtor_member_id}`}>{`${r.debtor_first_name} ${r.debtor_last_name}`}</a>
                        </div>
                      )}
                    </td>
                    <td>{r.label}</td>
                    <td class="num">{formatEuro(r.amount_cents)}</td>
                    <td class="num">{formatEuro(r.paid_cents)}</td>
                    <td>{say(c, CLAIM_STATUS_LABELS[r.status]!)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager c={c} page={page} total={totals.n} pageSize={PAGE} href={(p) => `/dues/claims?${new URLSearchParams({ ...(status ? { status } : {}), page: String(p) })}`} />
      </Layout>,
    );
  });

  app.get('/dues/claims/export.csv', async (c) => {
    const deps = c.get('deps');
    const csv = await exportClaimsCsv(deps.db, { status: claimStatusOf(c) });
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="forderungen-${berlinToday(deps.clock.now())}.csv"`,
      'cache-control': 'no-store',
    });
  });

  app.get('/dues/arrears', async (c) => {
    const t = tr(c);
    const deps = c.get('deps');
    const rows = await arrears(deps.db, berlinToday(deps.clock.now()));
    const sum = (key: 'open_cents' | 'up_to_30' | 'days_31_90' | 'over_90') => rows.reduce((s, r) => s + r[key], 0);
    return c.html(
      <Layout c={c} title={t('Rückstände', 'Arrears')}>
        <DuesNav c={c} />
        {rows.length === 0 ? (
          <EmptyState>{t('Keine Rückstände: alle fälligen Beiträge sind bezahlt.', 'No arrears: every due fee is paid.')}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="hint">{t('Offene, fällige Beiträge je Zahler, nach Alter', 'Open, due fees per payer, by age')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('Zahler', 'Payer')}</th>
                  <th scope="col">{t('Zahlungsweise', 'Method')}</th>
                  <th scope="col">{t('Älteste Fälligkeit', 'Oldest due')}</th>
                  <th scope="col" class="num">
                    {t('bis 30 Tage', 'up to 30 days')}
                  </th>
                  <th scope="col" class="num">
                    {t('31–90 Tage', '31–90 days')}
                  </th>
                  <th scope="col" class="num">
                    {t('über 90 Tage', 'over 90 days')}
                  </th>
                  <th scope="col" class="num">
                    {t('Offen gesamt', 'Open total')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td>
                      <a href={`/members/${r.member_id}`}>
                        {r.last_name}, {r.first_name}
                      </a>{' '}
                      {r.member_number ? `(${r.member_number})` : ''}
                    </td>
                    <td>{say(c, PAYMENT_METHOD_LABELS[r.payment_method]!)}</td>
                    <td>{formatDate(String(r.oldest_due))}</td>
                    <td class="num">{formatEuro(r.up_to_30)}</td>
                    <td class="num">{formatEuro(r.days_31_90)}</td>
                    <td class="num">{formatEuro(r.over_90)}</td>
                    <td class="num">{formatEuro(r.open_cents)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colspan={3}>
                    {t(`Summe (${rows.length} Zahler)`, `Total (${rows.length} payers)`)}
                  </th>
                  <td class="num">{formatEuro(sum('up_to_30'))}</td>
                  <td class="num">{formatEuro(sum('days_31_90'))}</td>
                  <td class="num">{formatEuro(sum('over_90'))}</td>
                  <td class="num">{formatEuro(sum('open_cents'))}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </Layout>,
    );
  });

  app.get('/dues/dunning', async (c) => {
    const t = tr(c);
    const deps = c.get('deps');
    const [plan, recent] = await Promise.all([planDunning(deps.db, deps), recentReminders(deps.db)]);
    const LEVEL = (n: number) => (n === 1 ? t('Erinnerung', 'Reminder') : t(`${n}. Mahnung`, `Reminder ${n}`));
    return c.html(
      <Layout c={c} title={t('Mahnwesen', 'Dunning')}>
        <DuesNav c={c} />
        <p class="hint">
          {t(
            'Fällige Erinnerungen und Mahnungen für offene Beiträge von Mitgliedern, die überweisen (und für zurückgegebene Lastschriften). Stufen, Fristen und Gebühren stehen in den Einstellungen. Jede Stufe geht je Forderung nur einmal hinaus.',
            'Reminders due for open fees of members who pay by transfer (and for returned debits). Levels, delays and fees are in the settings. Each level goes out once per claim.',
          )}
        </p>
        {plan.length === 0 ? (
          <EmptyState>{t('Heute ist keine Erinnerung fällig.', 'No reminder is due today.')}</EmptyState>
        ) : (
          <>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('Zahler', 'Payer')}</th>
                    <th scope="col">{t('Forderung', 'Claim')}</th>
                    <th scope="col" class="num">
                      {t('Offen', 'Open')}
                    </th>
                    <th scope="col">{t('Stufe', 'Level')}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.map((p) => (
                    <tr>
                      <td>
                        <a href={`/members/${p.debtorId}`}>{p.name}</a>
                        {!p.hasEmail && <div class="error">{t('keine E-Mail – bitte per Brief', 'no e-mail – please send a letter')}</div>}
                      </td>
                      <td>{p.label}</td>
                      <td class="num">{formatEuro(p.openCents)}</td>
                      <td>{LEVEL(p.level)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <form method="post" action="/dues/dunning">
              <Csrf c={c} />
              <button type="submit">{t('Mahnlauf ausführen', 'Run dunning')}</button>
            </form>
          </>
        )}
        <h2>{t('Zuletzt verschickt', 'Recently sent')}</h2>
        {recent.length === 0 ? (
          <EmptyState>{t('Noch keine Erinnerungen verschickt.', 'No reminders sent yet.')}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Datum', 'Date')}</th>
                  <th scope="col">{t('Zahler', 'Payer')}</th>
                  <th scope="col">{t('Forderung', 'Claim')}</th>
                  <th scope="col">{t('Stufe', 'Level')}</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((r) => (
                  <tr>
                    <td>{formatDate(r.sent_on)}</td>
                    <td>
                      <a href={`/members/${r.member_id}`}>
                        {r.first_name} {r.last_name}
                      </a>
                    </td>
                    <td>{r.label}</td>
                    <td>{LEVEL(r.level)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Layout>,
    );
  });

  app.post('/dues/dunning', async (c) => {
    const deps = c.get('deps');
    const result = await inTransaction(deps.db, (trx) => runDunning(trx, { actor: actorOf(c) }, deps));
    kickOutbox(deps);
    setFlash(
      c,
      result.mails ? 'success' : 'info',
      msg(
        `Mahnlauf: ${result.reminders} Erinnerung(en) in ${result.mails} E-Mail(s), ${result.fees} Mahngebühr(en).${result.withoutEmail.length ? ` Ohne E-Mail (per Brief): ${result.withoutEmail.join(', ')}.` : ''}`,
        `Dunning run: ${result.reminders} reminder(s) in ${result.mails} e-mail(s), ${result.fees} fee(s).${result.withoutEmail.length ? ` Without e-mail (send a letter): ${result.withoutEmail.join(', ')}.` : ''}`,
      ),
    );
    return c.redirect('/dues/dunning');
  });

  app.post('/dues/claims/:id/payments', async (c) => {
    const deps = c.get('deps');
    const id = claimId(c);
    const form = await readForm(c);
    const result = await attempt(() => {
      const payment = parseOrThrow(paymentSchema, { amount_cents: form.amount_cents, paid_on: form.paid_on, method: form.method, reference: form.reference });
      return inTransaction(deps.db, (trx) => recordPayment(trx, { claimId: id, payment, actor: actorOf(c) }, deps));
    });
    if (result.ok) {
      setFlash(c, 'success', msg(`Zahlung über ${formatEuro(result.value.payment.amount_cents)} erfasst.`, `Payment of ${formatEuro(result.value.payment.amount_cents)} recorded.`));
    } else {
      setFlash(c, 'error', result.error.fieldErrors[0]?.message ?? result.error.detail ?? msg('Nicht erfasst.', 'Not recorded.'));
    }
    return c.redirect(backTo(form, '/dues/claims'));
  });

  app.post('/dues/claims/:id/write-off', async (c) => {
    const deps = c.get('deps');
    const id = claimId(c);
    const form = await readForm(c);
    const result = await attempt(() => {
      const { reason } = parseOrThrow(writeOffSchema, { reason: form.reason });
      return inTransaction(deps.db, (trx) => writeOffClaim(trx, { claimId: id, reason, actor: actorOf(c) }, deps));
    });
    if (result.ok) setFlash(c, 'success', msg(`„${result.value.label}“ ist ausgebucht.`, `“${result.value.label}” is written off.`));
    else setFlash(c, 'error', result.error.fieldErrors[0] ? msg(`Grund: ${result.error.fieldErrors[0].message.de}`, `Reason: ${result.error.fieldErrors[0].message.en}`) : (result.error.detail ?? msg('Nicht ausgebucht.', 'Not written off.')));
    return c.redirect(backTo(form, '/dues/claims'));
  });

  return app;
}

function DuesNav(props: { c: AppContext }) {
  const t = tr(props.c);
  return (
    <p class="actions">
      <a href="/dues">{t('Beitragsläufe', 'Dues runs')}</a>
      <a href="/dues/claims">{t('Forderungen', 'Claims')}</a>
      <a href="/dues/arrears">{t('Rückstände', 'Arrears')}</a>
      <a href="/dues/dunning">{t('Mahnwesen', 'Dunning')}</a>
    </p>
  );
}

async function duesPage(c: AppContext, v: { form?: Record<string, unknown>; error?: AppError }) {
  const t = tr(c);
  const deps = c.get('deps');
  const lang = c.get('lang');
  const runs = await listDuesRuns(deps.db);
  const year = berlinToday(deps.clock.now()).slice(0, 4);
  const form = (v.form ?? { period_from: `${year}-01-01`, period_to: `${year}-12-31` }) as Record<string, string>;
  const errors = fieldErrorsOf(v.error);
  return (
    <Layout c={c} title={t('Beiträge', 'Dues')}>
      <DuesNav c={c} />
      <h2>{t('Neuer Beitragslauf', 'New dues run')}</h2>
      <p class="hint">
        {t(
          'Legt für jedes Mitglied eine Forderung je Beitragszeitraum an, der im gewählten Zeitraum beginnt (nach Beitragsart, Ein- und Austritt; Familien beim zahlenden Mitglied). Ein zweiter Lauf für denselben Zeitraum legt nichts doppelt an.',
          'Creates one claim per member and billing period starting in the chosen range (by type, join and exit dates; families at the paying member). A second run for the same range creates nothing twice.',
        )}
      </p>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action="/dues/runs" novalidate>
        <Csrf c={c} />
        <div class="grid">
          <Field c={c} name="period_from" label={t('Von', 'From')} type="date" value={form.period_from} errors={errors} required />
          <Field c={c} name="period_to" label={t('Bis', 'To')} type="date" value={form.period_to} errors={errors} required />
        </div>
        <button type="submit">{t('Beitragslauf ausführen', 'Run dues')}</button>
      </form>
      <h2>{t('Bisherige Läufe', 'Previous runs')}</h2>
      {runs.length === 0 ? (
        <EmptyState>{t('Noch kein Beitragslauf.', 'No dues run yet.')}</EmptyState>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Zeitraum', 'Range')}</th>
                <th scope="col">{t('Ausgeführt', 'Run')}</th>
                <th scope="col" class="num">
                  {t('Neu', 'New')}
                </th>
                <th scope="col" class="num">
                  {t('Summe', 'Sum')}
                </th>
                <th scope="col" class="num">
                  {t('Schon vorhanden', 'Existed')}
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr>
                  <td>
                    {formatDate(r.period_from)}–{formatDate(r.period_to)}
                  </td>
                  <td>
                    {formatDateTime(r.created_at, lang)}, {r.actor.replace(/ <.*>$/, '')}
                  </td>
                  <td class="num">{r.claims_created}</td>
                  <td class="num">{formatEuro(r.amount_created_cents)}</td>
                  <td class="num">{r.claims_skipped}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
