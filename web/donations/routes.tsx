import { Hono } from 'hono';
import { entityHistory } from '../../api/audit/entity-history';
import { inTransaction } from '../../api/deps';
import { correctDonation, donationAsInput, editableFields } from '../../api/donations/correct-donation';
import { exportDonationsCsv } from '../../api/donations/export-donations-csv';
import { countProposedMatches, findDonation, findDonationDetails, findDonor, listDonations, listPurposes, searchDonors } from '../../api/donations/ledger-queries';
import { DONATION_PAGE_SIZE } from '../../api/donations/ledger-routes';
import { DONATION_NOT_FOUND } from '../../api/donations/ledger-rules';
import { donationFilterSchema, offlineDonationSchema, type DonationFilter } from '../../api/donations/ledger-schemas';
import { recordOfflineDonation } from '../../api/donations/record-offline-donation';
import { actorOf, type AppContext, type AppEnv } from '../../api/http/context';
import { AppError, msg, type Msg } from '../../api/http/errors';
import { parseOrThrow } from '../../api/http/validate';
import { activeReceiptOfDonation } from '../../api/receipts/lookup-queries';
import { berlinToday, formatDate, formatDateTime } from '../../api/lib/dates';
import { formatAmount, formatEuro } from '../../api/lib/money';
import type { Donation } from '../../db/schema';
import { setFlash } from '../flash';
import { attempt, fieldErrorsOf, readForm } from '../forms';
import { say, tr } from '../i18n';
import { EmptyState, ErrorSummary, Field, Layout, Pager, Select } from '../layout';
import { DonationForm, type FormValues } from './donation-form';
import { GiftTable, StatusBadge } from './gift-table';
import { DONATION_METHOD_LABELS, DONATION_STATUS_LABELS, IN_KIND_ORIGIN_LABELS, LEDGER_HISTORY_ACTIONS, NEVER_RECEIPTED, SUBSCRIPTION_STATUS_LABELS } from './labels';

export function numericId(c: AppContext, notFound: Msg): number {
  const raw = c.req.param('id') ?? '';
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found', notFound);
  return id;
}

function filterQuery(filter: Partial<DonationFilter>, page?: number) {
  const p = new URLSearchParams();
  for (const key of ['from', 'to', 'purpose', 'method', 'status', 'q', 'donor'] as const) {
    const v = filter[key];
    if (v !== undefined && v !== null && v !== '') p.set(key, String(v));
  }
  if (page && page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}


/** A donor choice list for the gift forms: the search's matches plus the donor already chosen. */
async function donorChoices(c: AppContext, chosen: unknown) {
  const db = c.get('deps').db;
  const q = c.req.query('donor_q')?.trim() || undefined;
  const list = await searchDonors(db, q);
  const id = Number(chosen);
  if (Number.isSafeInteger(id) && id > 0 && !list.some((d) => d.id === id)) {
    const d = await findDonor(db, id);
    if (d) list.unshift({ id: d.id, name: d.name, email: d.email, city: d.city });
  }
  return list;
}

function DonorSearch(props: { c: AppContext; action: string }) {
  const t = tr(props.c);
  return (
    <form method="get" action={props.action} class="toolbar" role="search">
      <Field c={props.c} name="donor_q" label={t('Spender suchen', 'Search donors')} value={props.c.req.query('donor_q')} hint={t('Name, E-Mail oder Ort', 'Name, e-mail or city')} />
      <button type="submit" class="secondary">
        {t('Suchen', 'Search')}
      </button>
    </form>
  );
}

/** The form's fields as the correction operation takes them: unticked boxes and the donor choice made explicit. */
function changesFromForm(form: Record<string, unknown>, fields: string[]) {
  const changes: Record<string, unknown> = {};
  for (const key of fields) changes[key] = form[key] ?? '';
  if (fields.includes('donor_id')) changes.donor_id = form.donor_kind === 'anonymous' ? null : (form.donor_id ?? '');
  return changes;
}

function editValues(g: Donation): FormValues {
  const v = donationAsInput(g);
  return { ...v, amount_cents: formatAmount(g.amount_cents), donor_kind: g.donor_id ? 'existing' : 'anonymous' };
}

export function webDonationRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/donations', async (c) => {
    const t = tr(c);
    const db = c.get('deps').db;
    const parsed = donationFilterSchema.safeParse(c.req.query());
    const filter: DonationFilter = parsed.success ? parsed.data : { page: 1 };
    const [{ rows, total, succeededCents }, purposes, proposals] = await Promise.all([listDonations(db, filter, DONATION_PAGE_SIZE), listPurposes(db), countProposedMatches(db)]);
    const filtered = ['from', 'to', 'purpose', 'method', 'status', 'q', 'donor'].some((k) => (filter as Record<string, unknown>)[k] !== undefined);
    return c.html(
      <Layout c={c} title={t('Spenden', 'Donations')}>
        <div class="actions">
          <a class="button" href="/donations/new">
            {t('Spende erfassen', 'Record a gift')}
          </a>
          <a href="/donors">{t('Spender', 'Donors')}</a>
          <a href="/donors/review">{proposals > 0 ? t(`Zusammenführung prüfen (${proposals} offen)`, `Review matches (${proposals} open)`) : t('Zusammenführung prüfen', 'Review matches')}</a>
          <a href={`/donations/export.csv${filterQuery(filter)}`}>{t('Als CSV (Excel)', 'As CSV (Excel)')}</a>
          <a href="/donations/settings">{t('Zwecke und Spendenseite', 'Purposes and donation page')}</a>
          <a href="/donations/embed">{t('Spendenformular einbinden', 'Embed the donation form')}</a>
        </div>
        {!parsed.success && <p class="flash error">{t('Der Filter war ungültig und wurde zurückgesetzt.', 'The filter was invalid and has been reset.')}</p>}
        <form method="get" action="/donations" class="toolbar" role="search">
          <Field c={c} name="from" type="date" label={t('von', 'from')} value={filter.from} />
          <Field c={c} name="to" type="date" label={t('bis', 'to')} value={filter.to} />
          <Select
            c={c}
            name="purpose"
            label={t('Zweck', 'Purpose')}
            value={filter.purpose}
            options={[{ value: 'none', label: t('wo am nötigsten', 'where most needed') }, ...purposes.map((p) => ({ value: p.id, label: p.name_de }))]}
            blank={t('alle', 'all')}
          />
          <Select c={c} name="method" label={t('Art', 'Method')} value={filter.method} options={Object.entries(DONATION_METHOD_LABELS).map(([value, m]) => ({ value, label: say(c, m) }))} blank={t('alle', 'all')} />
          <Select c={c} name="status" label={t('Status', 'Status')} value={filter.status} options={Object.entries(DONATION_STATUS_LABELS).map(([value, m]) => ({ value, label: say(c, m) }))} blank={t('alle', 'all')} />
          <Field c={c} name="q" label={t('Spender', 'Donor')} value={filter.q} hint={t('Name oder E-Mail', 'Name or e-mail')} />
          {filter.donor && <input type="hidden" name="donor" value={String(filter.donor)} />}
          <button type="submit" class="secondary">
            {t('Filtern', 'Filter')}
          </button>
        </form>
        <p role="status">
          {t(`${total} Spende(n)`, `${total} gift(s)`)} · {t('Summe eingegangen', 'Total received')}: <strong>{formatEuro(succeededCents)}</strong>
          <br />
          <small class="hint">
            {t(
              'Die Summe zählt nur eingegangene Spenden (abzüglich Teilerstattungen), keine ausstehenden, fehlgeschlagenen, erstatteten oder angefochtenen.',
              'The total counts succeeded gifts only (less partial refunds), no pending, failed, refunded or disputed ones.',
            )}
          </small>
        </p>
        {rows.length === 0 ? (
          <EmptyState>{filtered ? t('Keine Spenden passen zu diesem Filter.', 'No gifts match this filter.') : t('Noch keine Spenden.', 'No gifts yet.')}</EmptyState>
        ) : (
          <GiftTable c={c} gifts={rows} showDonor />
        )}
        <Pager c={c} page={filter.page} total={total} pageSize={DONATION_PAGE_SIZE} href={(page) => `/donations${filterQuery(filter, page)}`} />
      </Layout>,
    );
  });

  app.get('/donations/export.csv', async (c) => {
    const parsed = donationFilterSchema.safeParse(c.req.query());
    if (!parsed.success) throw new AppError('validation', msg('Der Filter ist ungültig.', 'The filter is invalid.'));
    const csv = await exportDonationsCsv(c.get('deps').db, parsed.data);
    const day = berlinToday(c.get('deps').clock.now());
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="spenden-${day}.csv"`,
      'cache-control': 'no-store',
    });
  });

  app.get('/donations/new', async (c) => {
    const today = berlinToday(c.get('deps').clock.now());
    return c.html(await newPage(c, { values: { donated_on: today, donor_kind: 'existing', method: 'transfer' } }));
  });

  app.post('/donations', async (c) => {
    const deps = c.get('deps');
    const form = await readForm(c);
    const result = await attempt(() => {
      const donation = parseOrThrow(offlineDonationSchema, form);
      return inTransaction(deps.db, (trx) => recordOfflineDonation(trx, { donation, actor: actorOf(c) }, deps));
    });
    if (!result.ok) return c.html(await newPage(c, { values: form, error: result.error }), 422);
    setFlash(c, 'success', msg(`Spende über ${formatEuro(result.value.amount_cents)} ist erfasst.`, `Gift of ${formatEuro(result.value.amount_cents)} is recorded.`));
    return c.redirect(`/donations/${result.value.id}`);
  });

  app.get('/donations/:id', async (c, next) => {
    if (!/^\d+$/.test(c.req.param('id'))) return next();
    const t = tr(c);
    const deps = c.get('deps');
    const lang = c.get('lang');
    const id = numericId(c, DONATION_NOT_FOUND);
    const g = await findDonationDetails(deps.db, id);
    if (!g) throw new AppError('not_found', DONATION_NOT_FOUND);
    const [history, receipt] = await Promise.all([entityHistory(deps.db, 'donation', id), activeReceiptOfDonation(deps.db, id)]);
    const closed = g.status === 'refunded' || g.status === 'disputed';
    const editable = editableFields(g, receipt !== null);
    // what /receipts/new?donation=ID would accept: arrived, not on a valid receipt, from a known donor
    const receiptable = g.status === 'succeeded' && !receipt && g.donor_id !== null;
    const address = [g.donor_street, [g.donor_postal_code, g.donor_city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    return c.html(
      <Layout c={c} title={t(`Spende vom ${formatDate(g.donated_on)}`, `Gift of ${formatDate(g.donated_on)}`)}>
        <div class="actions">
          <a class="button" href={`/donations/${id}/edit`}>
            {editable.length === 1
              ? t('Notiz ergänzen', 'Add a note')
              : receipt
                ? t('Zweck, Notiz ändern', 'Change purpose, note')
                : g.source === 'offline'
                  ? t('Korrigieren', 'Correct')
                  : t('Zweck, Spender, Notiz ändern', 'Change purpose, donor, note')}
          </a>
          {receiptable && <a href={`/receipts/new?donation=${id}`}>{t('Zuwendungsbestätigung ausstellen', 'Issue a receipt')}</a>}
          <a href="/donations">{t('Zur Liste', 'Back to the list')}</a>
        </div>
        {closed && (
          <p class="flash error" role="status">
            {g.status === 'refunded'
              ? t('Erstattet: Diese Spende wurde zurückgezahlt und kann nie bestätigt werden.', 'Refunded: this gift was paid back and can never be receipted.')
              : t('Angefochten: Der Spender hat die Zahlung bei seiner Bank angefochten; sie kann nie bestätigt werden.', 'Disputed: the donor disputed the payment with their bank; it can never be receipted.')}
          </p>
        )}
        <dl class="facts">
          <dt>{t('Spender', 'Donor')}</dt>
          <dd>
            {g.donor_id ? (
              <>
                <a href={`/donors/${g.donor_id}`}>{g.donor_name}</a>
                {address && `, ${address}`}
                {g.donor_email && ` · ${g.donor_email}`}
              </>
            ) : (
              <em>{t('anonym', 'anonymous')}</em>
            )}
          </dd>
          <dt>{t('Tag der Zuwendung', 'Date of the gift')}</dt>
          <dd>{formatDate(g.donated_on)}</dd>
          <dt>{t('Betrag', 'Amount')}</dt>
          <dd>
            {formatEuro(g.amount_cents)}
            {g.refunded_cents > 0 && ` (${t('erstattet', 'refunded')} ${formatEuro(g.refunded_cents)})`}
          </dd>
          <dt>{t('Art', 'Method')}</dt>
          <dd>{say(c, DONATION_METHOD_LABELS[g.method]!)}</dd>
          <dt>{t('Status', 'Status')}</dt>
          <dd>
            <StatusBadge c={c} status={g.status} />
            {g.failure_reason && <div class="hint">{g.failure_reason}</div>}
          </dd>
          <dt>{t('Zweck', 'Purpose')}</dt>
          <dd>{g.purpose_name ?? t('wo am nötigsten', 'where most needed')}</dd>
          <dt>{t('Rhythmus', 'Interval')}</dt>
          <dd>
            {g.subscription_id
              ? t(`monatlich (seit ${formatDate(g.subscription_started_on!)}, ${formatEuro(g.subscription_amount_cents!)}, ${say(c, SUBSCRIPTION_STATUS_LABELS[g.subscription_status!]!)})`, `monthly (since ${formatDate(g.subscription_started_on!)}, ${formatEuro(g.subscription_amount_cents!)}, ${say(c, SUBSCRIPTION_STATUS_LABELS[g.subscription_status!]!)})`)
              : t('einmalig', 'once')}
          </dd>
          <dt>{t('Zuwendungsbestätigung', 'Receipt')}</dt>
          <dd>
            {receipt ? (
              <>
                {t('bestätigt mit', 'confirmed by')} <a href={`/receipts/${receipt.id}`}>{t(`Nr. ${receipt.number}`, `no. ${receipt.number}`)}</a>
                {receipt.reviewReason && (
                  <div class="hint error">
                    {t('Auf der Liste zum Stornieren', 'On the list to cancel')}: {receipt.reviewReason}
                  </div>
                )}
              </>
            ) : closed ? (
              say(c, NEVER_RECEIPTED)
            ) : g.receipt_wanted ? (
              t('gewünscht, noch nicht ausgestellt', 'wanted, not issued yet')
            ) : (
              t('nicht gewünscht', 'not wanted')
            )}
          </dd>
          <dt>{t('Erfasst', 'Recorded')}</dt>
          <dd>
            {g.source === 'online' ? t('online (Stripe)', 'online (Stripe)') : t('von Hand', 'by hand')} · {g.created_by} · {formatDateTime(g.created_at, lang)}
          </dd>
          {g.thanked_at && (
            <>
              <dt>{t('Dankesmail', 'Thank-you mail')}</dt>
              <dd>{formatDateTime(g.thanked_at, lang)}</dd>
            </>
          )}
          {g.waiver && (
            <>
              <dt>{t('Aufwandsspende', 'Waived reimbursement')}</dt>
              <dd>
                {g.waived_claim}
                <div class="hint">
                  {t('vereinbart am', 'agreed on')} {g.waiver_agreed_on ? formatDate(g.waiver_agreed_on) : '–'} · {t('Grundlage', 'basis')}: {g.waiver_basis ?? '–'}
                </div>
              </dd>
            </>
          )}
          {g.method === 'in_kind' && (
            <>
              <dt>{t('Sachspende', 'In kind')}</dt>
              <dd>
                {g.in_kind_description}
                <div class="hint">
                  {t('Herkunft', 'Origin')}: {g.in_kind_origin ? say(c, IN_KIND_ORIGIN_LABELS[g.in_kind_origin]!) : '–'} · {t('Wertermittlung', 'Value basis')}: {g.in_kind_value_basis ?? '–'} · {t('Unterlagen', 'Documents')}:{' '}
                  {g.in_kind_documents ? t('liegen vor', 'present') : t('keine', 'none')}
                </div>
              </dd>
            </>
          )}
          {g.source === 'online' && (
            <>
              <dt>Stripe</dt>
              <dd>
                <ul>
                  {g.stripe_checkout_session_id && <li>Checkout Session: <code>{g.stripe_checkout_session_id}</code></li>}
                  {g.stripe_payment_intent_id && <li>PaymentIntent: <code>{g.stripe_payment_intent_id}</code></li>}
                  {g.stripe_invoice_id && <li>Invoice: <code>{g.stripe_invoice_id}</code></li>}
                  {g.stripe_charge_id && <li>Charge: <code>{g.stripe_charge_id}</code></li>}
                  {g.stripe_subscription_id && <li>Subscription: <code>{g.stripe_subscription_id}</code></li>}
                </ul>
              </dd>
            </>
          )}
          <dt>{t('Notiz', 'Note')}</dt>
          <dd>{g.note ?? '–'}</dd>
        </dl>
        <HistoryTable c={c} history={history} />
      </Layout>,
    );
  });

  app.get('/donations/:id/edit', async (c) => {
    const id = numericId(c, DONATION_NOT_FOUND);
    const g = await findDonation(c.get('deps').db, id);
    if (!g) throw new AppError('not_found', DONATION_NOT_FOUND);
    return c.html(await editPage(c, g, editValues(g)));
  });

  app.post('/donations/:id', async (c, next) => {
    if (!/^\d+$/.test(c.req.param('id'))) return next();
    const deps = c.get('deps');
    const id = numericId(c, DONATION_NOT_FOUND);
    const current = await findDonation(deps.db, id);
    if (!current) throw new AppError('not_found', DONATION_NOT_FOUND);
    const form = await readForm(c);
    // the fields the form showed; correctDonation checks again under the row lock
    const changes = changesFromForm(form, editableFields(current, (await activeReceiptOfDonation(deps.db, id)) !== null));
    const result = await attempt(() => inTransaction(deps.db, (trx) => correctDonation(trx, { id, changes, actor: actorOf(c) }, deps)));
    if (!result.ok) {
      if (result.error.code === 'not_found') throw result.error;
      return c.html(await editPage(c, current, form, result.error), 422);
    }
    setFlash(c, 'success', msg('Gespeichert.', 'Saved.'));
    return c.redirect(`/donations/${id}`);
  });

  return app;
}

async function newPage(c: AppContext, v: { values: FormValues; error?: AppError }) {
  const t = tr(c);
  const db = c.get('deps').db;
  const [purposes, donors] = await Promise.all([listPurposes(db), donorChoices(c, v.values.donor_id)]);
  const errors = fieldErrorsOf(v.error);
  return (
    <Layout c={c} title={t('Spende erfassen', 'Record a gift')}>
      <p class="hint">{t('Überweisung, Barspende, Sachspende oder Aufwandsspende. Online-Spenden kommen von Stripe von selbst.', 'Transfer, cash, in kind or a waived reimbursement. Online gifts arrive from Stripe by themselves.')}</p>
      <DonorSearch c={c} action="/donations/new" />
      <ErrorSummary c={c} errors={errors} detail={v.error?.detail ? say(c, v.error.detail) : undefined} />
      <DonationForm c={c} action="/donations" values={v.values} errors={errors} purposes={purposes} donors={donors} fields="new" submit={t('Spende erfassen', 'Record gift')} />
    </Layout>
  );
}

async function editPage(c: AppContext, g: Donation, values: FormValues, error?: AppError) {
  const t = tr(c);
  const db = c.get('deps').db;
  const [purposes, donors] = await Promise.all([listPurposes(db), donorChoices(c, values.donor_id)]);
  const errors = fieldErrorsOf(error);
  const receipt = await activeReceiptOfDonation(db, g.id);
  const allowed = editableFields(g, receipt !== null);
  const fields = allowed.length === 1 ? 'note' : receipt ? 'receipted' : g.source === 'online' ? 'online' : 'offline';
  return (
    <Layout c={c} title={t(`Spende vom ${formatDate(g.donated_on)} korrigieren`, `Correct the gift of ${formatDate(g.donated_on)}`)}>
      <p class="hint">
        {fields === 'note'
          ? t(
              `Diese Spende ist ${say(c, DONATION_STATUS_LABELS[g.status]!)}: Betrag, Datum, Zweck, Spender und Bestätigung bleiben, wie sie waren; nur eine Notiz lässt sich ergänzen.`,
              `This gift is ${say(c, DONATION_STATUS_LABELS[g.status]!)}: amount, date, purpose, donor and receipt stay as they were; only a note can be added.`,
            )
          : fields === 'receipted'
            ? t(
                `Diese Spende ist mit Zuwendungsbestätigung ${receipt!.number} bestätigt: Spender, Datum, Betrag, Art, Verzicht und Sachangaben bleiben, wie sie bestätigt sind – erst die Bestätigung stornieren, dann korrigieren. Zweck, „Bestätigung gewünscht“ und die Notiz lassen sich ändern.`,
                `This gift is confirmed by receipt ${receipt!.number}: donor, date, amount, method, waiver and in-kind details stay as confirmed – cancel the receipt first, then correct. Purpose, “receipt wanted” and the note can be changed.`,
              )
            : fields === 'online'
              ? t(
                  `Online über Stripe: ${formatEuro(g.amount_cents)} am ${formatDate(g.donated_on)} (${say(c, DONATION_METHOD_LABELS[g.method]!)}, ${say(c, DONATION_STATUS_LABELS[g.status]!)}) kommen von Stripe und sind nicht änderbar.`,
                  `Online through Stripe: ${formatEuro(g.amount_cents)} on ${formatDate(g.donated_on)} (${say(c, DONATION_METHOD_LABELS[g.method]!)}, ${say(c, DONATION_STATUS_LABELS[g.status]!)}) come from Stripe and cannot be changed.`,
                )
              : t('Jede Änderung wird mit altem und neuem Wert protokolliert.', 'Every change is logged with its old and new value.')}
      </p>
      {fields !== 'note' && fields !== 'receipted' && <DonorSearch c={c} action={`/donations/${g.id}/edit`} />}
      <ErrorSummary c={c} errors={errors} detail={error?.detail ? say(c, error.detail) : undefined} />
      <DonationForm c={c} action={`/donations/${g.id}`} values={values} errors={errors} purposes={purposes} donors={donors} fields={fields} submit={t('Speichern', 'Save')} />
      <p>
        <a href={`/donations/${g.id}`}>{t('Abbrechen', 'Cancel')}</a>
      </p>
    </Layout>
  );
}

/** Who changed what and when, from the audit log: the same table the member page shows. */
export function HistoryTable(props: { c: AppContext; history: Awaited<ReturnType<typeof entityHistory>> }) {
  const { c, history } = props;
  const t = tr(c);
  const lang = c.get('lang');
  return (
    <>
      <h2>{t('Verlauf', 'History')}</h2>
      {history.length === 0 ? (
        <EmptyState>{t('Keine Änderungen protokolliert.', 'No changes recorded.')}</EmptyState>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Zeit', 'Time')}</th>
                <th scope="col">{t('Wer', 'Who')}</th>
                <th scope="col">{t('Was', 'What')}</th>
                <th scope="col">{t('Geändert', 'Changed')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr>
                  <td>{formatDateTime(h.at, lang)}</td>
                  <td>{h.actor}</td>
                  <td>{LEDGER_HISTORY_ACTIONS[h.action] ? say(c, LEDGER_HISTORY_ACTIONS[h.action]!) : h.action}</td>
                  <td>
                    {h.before && h.after
                      ? Object.keys(h.after)
                          .map((k) => `${k}: ${JSON.stringify((h.before ?? {})[k] ?? null)} → ${JSON.stringify((h.after ?? {})[k] ?? null)}`)
                          .join('; ')
                      : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
