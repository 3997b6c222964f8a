import { Hono } from 'hono';
import { inTransaction } from '../../api/deps';
import { actorOf, type AppContext, type AppEnv } from '../../api/http/context';
import { AppError, msg } from '../../api/http/errors';
import { parseOrThrow } from '../../api/http/validate';
import { addDays, berlinToday, formatDate, formatDateTime } from '../../api/lib/dates';
import { formatIban, maskIban } from '../../api/lib/iban';
import { formatEuro } from '../../api/lib/money';
import { bookCollection } from '../../api/sepa/book-collection';
import { cancelCollection } from '../../api/sepa/cancel-collection';
import { changeMandateAccount } from '../../api/sepa/change-mandate-account';
import { createMandate } from '../../api/sepa/create-mandate';
import { COLLECTION_NOT_FOUND, exportCollection } from '../../api/sepa/export-collection';
import { prepareCollection } from '../../api/sepa/prepare-collection';
import { collectionDebitClaims, collectionDebits, findCollection, listCollections } from '../../api/sepa/queries';
import { recordReturn } from '../../api/sepa/record-return';
import { revokeMandate } from '../../api/sepa/revoke-mandate';
import { RETURN_REASONS } from '../../api/lib/sepa-returns';
import { mandateSchema, returnSchema } from '../../api/sepa/schemas';
import { getAssociation } from '../../api/settings/queries';
import { z } from 'zod';
import { setFlash } from '../flash';
import { attempt, fieldErrorsOf, readForm } from '../forms';
import { say, tr } from '../i18n';
import { Csrf, EmptyState, ErrorSummary, Field, Layout, Pager, Select } from '../layout';

/** A collection may hold 10,000 debits and more: the screen shows them a page at a time. */
const DEBITS_PER_PAGE = 200;

const COLLECTION_STATUS = {
  prenotified: { de: 'angekündigt', en: 'pre-notified' },
  exported: { de: 'Datei erzeugt', en: 'file created' },
  booked: { de: 'verbucht', en: 'booked' },
  cancelled: { de: 'storniert', en: 'cancelled' },
} as const;

const ITEM_STATUS = {
  pending: { de: 'angekündigt', en: 'pre-notified' },
  collected: { de: 'eingezogen', en: 'collected' },
  returned: { de: 'zurückgegeben', en: 'returned' },
  cancelled: { de: 'storniert', en: 'cancelled' },
} as const;

function numericParam(c: AppContext, name: string) {
  const id = Number(c.req.param(name));
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found');
  return id;
}

function flashError(c: AppContext, error: AppError) {
  setFlash(c, 'error', error.fieldErrors.length ? msg(error.fieldErrors.map((e) => e.message.de).join(' '), error.fieldErrors.map((e) => e.message.en).join(' ')) : (error.detail ?? msg('Nicht möglich.', 'Not possible.')));
}

export function webSepaRoutes() {
  const app = new Hono<AppEnv>();

  // ---- mandates (forms on the member page)
  app.post('/members/:id/mandates', async (c) => {
    const deps = c.get('deps');
    const memberId = numericParam(c, 'id');
    const form = await readForm(c);
    const result = await attempt(() => {
      const mandate = parseOrThrow(mandateSchema, form);
      return inTransaction(deps.db, (trx) => createMandate(trx, { memberId, mandate, actor: actorOf(c) }, deps));
    });
    if (result.ok) setFlash(c, 'success', msg(`Mandat ${result.value.reference} ist gespeichert.`, `Mandate ${result.value.reference} is saved.`));
    else flashError(c, result.error);
    return c.redirect(`/members/${memberId}#mandate`);
  });

  app.post('/mandates/:id/account', async (c) => {
    const deps = c.get('deps');
    const id = numericParam(c, 'id');
    const form = await readForm(c);
    const result = await attempt(() => {
      const account = parseOrThrow(mandateSchema.pick({ iban: true, bic: true, account_holder: true }), form);
      return inTransaction(deps.db, (trx) => changeMandateAccount(trx, { mandateId: id, account, actor: actorOf(c) }, deps));
    });
    if (result.ok) setFlash(c, 'success', msg('Die Kontoverbindung des Mandats ist geändert.', 'The mandate’s account is changed.'));
    else flashError(c, result.error);
    return c.redirect(result.ok ? `/members/${result.value.member_id}#mandate` : '/members');
  });

  app.post('/mandates/:id/revoke', async (c) => {
    const deps = c.get('deps');
    const id = numericParam(c, 'id');
    const form = await readForm(c);
    const reason = typeof form.reason === 'string' && form.reason.trim() ? form.reason.trim() : 'Widerruf durch das Mitglied';
    const result = await attempt(() => inTransaction(deps.db, (trx) => revokeMandate(trx, { mandateId: id, reason, actor: actorOf(c) }, deps)));
    if (result.ok) setFlash(c, 'success', msg('Das Mandat ist widerrufen.', 'The mandate is revoked.'));
    else flashError(c, result.error);
    return c.redirect(result.ok ? `/members/${result.value.member_id}#mandate` : '/members');
  });

  // ---- collections
  app.get('/sepa', async (c) => c.html(await collectionsPage(c, {})));

  app.post('/sepa/collections', async (c) => {
    const deps = c.get('deps');
    const form = await readForm(c);
    const result = await attempt(() => {
      const { due_date } = parseOrThrow(z.object({ due_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Datum im Format JJJJ-MM-TT | Date as YYYY-MM-DD' }) }), form);
      return inTransaction(deps.db, (trx) => prepareCollection(trx, { dueDate: due_date, actor: actorOf(c) }, deps));
    });
    if (!result.ok) return c.html(await collectionsPage(c, { form, error: result.error }), 422);
    const { collection, leftOut } = result.value;
    setFlash(
      c,
      leftOut.length ? 'info' : 'success',
      msg(
        `Einzug zum ${formatDate(collection.due_date)} vorbereitet: ${collection.debits} Lastschriften über ${formatEuro(collection.total_cents)}, Vorabankündigungen sind im Postausgang.${leftOut.length ? ` Nicht dabei: ${leftOut.map((l) => `${l.name} (${l.reason === 'no_mandate' ? 'kein Mandat' : 'keine E-Mail'})`).join(', ')}.` : ''}`,
        `Collection for ${formatDate(collection.due_date)} prepared: ${collection.debits} debits of ${formatEuro(collection.total_cents)}, pre-notifications are in the outbox.${leftOut.length ? ` Left out: ${leftOut.map((l) => `${l.name} (${l.reason === 'no_mandate' ? 'no mandate' : 'no e-mail'})`).join(', ')}.` : ''}`,
      ),
    );
    return c.redirect(`/sepa/collections/${collection.id}`);
  });

  app.get('/sepa/collections/:id', async (c) => {
    const t = tr(c);
    const deps = c.get('deps');
    const id = numericParam(c, 'id');
    const collection = await findCollection(deps.db, id);
    if (!collection) throw new AppError('not_found', COLLECTION_NOT_FOUND);
    const pages = Math.max(1, Math.ceil(collection.debits / DEBITS_PER_PAGE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const debits = await collectionDebits(deps.db, id, { limit: DEBITS_PER_PAGE, offset: (page - 1) * DEBITS_PER_PAGE });
    const claims = await collectionDebitClaims(deps.db, id, undefined, debits.map((d) => d.id));
    const pageHref = (p: number) => `/sepa/collections/${id}${p > 1 ? `?page=${p}` : ''}`;
    const claimsOf = new Map<number, typeof claims>();
    for (const claim of claims) {
      const list = claimsOf.get(claim.debit_id);
      if (list) list.push(claim);
      else claimsOf.set(claim.debit_id, [claim]);
    }
    const today = berlinToday(deps.clock.now());
    return c.html(
      <Layout c={c} title={t(`Lastschrifteinzug zum ${formatDate(collection.due_date)}`, `Direct debit due ${formatDate(collection.due_date)}`)}>
        <p class="actions">
          <a href="/sepa">{t('Alle Einzüge', 'All collections')}</a>
        </p>
        <dl class="facts">
          <dt>{t('Status', 'Status')}</dt>
          <dd>{say(c, COLLECTION_STATUS[collection.status])}</dd>
          <dt>{t('Lastschriften', 'Debits')}</dt>
          <dd>
            {collection.debits}, {formatEuro(collection.total_cents)}
            <div class="hint">{t('eine je Mandat für alle fälligen Forderungen des Zahlers', "one per mandate for all of the payer's claims due")}</div>
          </dd>
          {collection.message_id && (
            <>
              <dt>{t('Datei', 'File')}</dt>
              <dd>
                pain.{collection.version} · {collection.message_id} · <a href={`/sepa/collections/${id}/pain.008.xml`}>{t('herunterladen', 'download')}</a>
              </dd>
            </>
          )}
        </dl>
        <div class="actions">
          {collection.status === 'prenotified' && (
            <form method="post" action={`/sepa/collections/${id}/export`}>
              <Csrf c={c} />
              <button type="submit">{t('SEPA-Datei (pain.008) erzeugen', 'Create SEPA file (pain.008)')}</button>
            </form>
          )}
          {collection.status === 'exported' && collection.due_date <= today && (
            <form method="post" action={`/sepa/collections/${id}/book`}>
              <Csrf c={c} />
              <button type="submit">{t('Als eingegangen verbuchen', 'Book as collected')}</button>
            </form>
          )}
          {(collection.status === 'prenotified' || collection.status === 'exported') && collection.due_date > today && (
            <form method="post" action={`/sepa/collections/${id}/cancel`}>
              <Csrf c={c} />
              <button type="submit" class="danger">
                {t('Einzug stornieren', 'Cancel collection')}
              </button>
            </form>
          )}
        </div>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Zahler', 'Payer')}</th>
                <th scope="col">{t('Forderungen', 'Claims')}</th>
                <th scope="col">{t('Mandat', 'Mandate')}</th>
                <th scope="col">{t('Art', 'Type')}</th>
                <th scope="col" class="num">
                  {t('Betrag', 'Amount')}
                </th>
                <th scope="col">{t('Status', 'Status')}</th>
              </tr>
            </thead>
            <tbody>
              {debits.map((d) => {
                const own = claimsOf.get(d.id) ?? [];
                return (
                  <tr id={`debit-${d.id}`}>
                    <td>
                      <a href={`/members/${d.debtor_id}`}>
                        {d.last_name}, {d.first_name}
                      </a>
                    </td>
                    <td>
                      {own.map((claim) => (
                        <div>
                          {claim.label}
                          {claim.member_id !== d.debtor_id && ` – ${claim.first_name} ${claim.last_name}`}
                          {own.length > 1 && <span class="hint"> {formatEuro(claim.amount_cents)}</span>}
                        </div>
                      ))}
                      <div class="hint">
                        {t('Verwendungszweck', 'Remittance')}: {d.remittance}
                      </div>
                    </td>
                    <td>
                      {d.reference}
                      <div class="hint">{maskIban(d.iban)}</div>
                      <div class="hint">{d.end_to_end_id}</div>
                    </td>
                    <td>{d.sequence_type}</td>
                    <td class="num">{formatEuro(d.amount_cents)}</td>
                    <td>
                      {say(c, ITEM_STATUS[d.status])}
                      {d.return_reason && <div class="hint">{`${d.return_reason} ${RETURN_REASONS[d.return_reason as keyof typeof RETURN_REASONS]?.de ?? ''}`}</div>}
                      {d.status === 'collected' && (
                        <details>
                          <summary>{t('Rücklastschrift erfassen', 'Record a return')}</summary>
                          <form method="post" action={`/sepa/debits/${d.id}/return`}>
                            <Csrf c={c} />
                            <input type="hidden" name="back" value={pageHref(page)} />
                            {own.length > 1 && <p class="hint">{t(`Alle ${own.length} Forderungen dieser Lastschrift werden wieder offen; die Bankgebühr fällt einmal an.`, `All ${own.length} claims of this debit are open again; the bank fee is charged once.`)}</p>}
                            <Select c={c} idPrefix={`r${d.id}-`} name="reason" label={t('Rückgabegrund', 'Reason code')} value="AM04" options={Object.entries(RETURN_REASONS).map(([code, r]) => ({ value: code, label: `${code} – ${r.de}` }))} />
                            <Field c={c} idPrefix={`r${d.id}-`} name="fee_cents" label={t('Bankgebühr (€)', 'Bank fee (€)')} value="3,00" inputmode="decimal" />
                            <button type="submit" class="danger">
                              {t('Rückgabe verbuchen', 'Book the return')}
                            </button>
                          </form>
                        </details>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <Pager c={c} page={page} total={collection.debits} pageSize={DEBITS_PER_PAGE} href={pageHref} />
      </Layout>,
    );
  });

  app.get('/sepa/collections/:id/pain.008.xml', async (c) => {
    const collection = await findCollection(c.get('deps').db, numericParam(c, 'id'));
    if (!collection?.xml) throw new AppError('not_found', msg('Für diesen Einzug gibt es noch keine Datei.', 'This collection has no file yet.'));
    return c.body(collection.xml, 200, {
      'content-type': 'application/xml; charset=utf-8',
      'content-disposition': `attachment; filename="${collection.message_id}.xml"`,
      'cache-control': 'no-store',
    });
  });

  app.post('/sepa/debits/:id/return', async (c) => {
    const deps = c.get('deps');
    const id = numericParam(c, 'id');
    const form = await readForm(c);
    const result = await attempt(() => {
      const input = parseOrThrow(returnSchema, { reason: form.reason, fee_cents: form.fee_cents });
      return inTransaction(deps.db, (trx) => recordReturn(trx, { debitId: id, reason: input.reason, feeCents: input.fee_cents, actor: actorOf(c) }, deps));
    });
    if (result.ok) {
      setFlash(
        c,
        'success',
        msg(
          `Rücklastschrift erfasst: ${result.value.claims.length === 1 ? 'die Forderung ist' : `die ${result.value.claims.length} Forderungen sind`} wieder offen${result.value.fee ? `, Gebühr ${formatEuro(result.value.fee.amount_cents)} berechnet` : ''}${result.value.mandateStopped ? ', das Mandat ist beendet' : ''}; das Mitglied wird benachrichtigt.`,
          `Return recorded: ${result.value.claims.length === 1 ? 'the claim is' : `the ${result.value.claims.length} claims are`} open again${result.value.fee ? `, fee ${formatEuro(result.value.fee.amount_cents)} charged` : ''}${result.value.mandateStopped ? ', the mandate is ended' : ''}; the member is told.`,
        ),
      );
    } else flashError(c, result.error);
    const back = typeof form.back === 'string' && /^\/sepa\/collections\/\d+(\?page=\d+)?$/.test(form.back) ? form.back : '/sepa';
    return c.redirect(back);
  });

  for (const [action, run, done] of [
    ['export', exportCollection, msg('Die SEPA-Datei ist erzeugt. Laden Sie sie herunter und reichen Sie sie im Online-Banking ein.', 'The SEPA file is created. Download it and upload it in online banking.')],
    ['cancel', cancelCollection, msg('Der Einzug ist storniert; die Forderungen sind wieder offen.', 'The collection is cancelled; the claims are open again.')],
    ['book', bookCollection, msg('Der Einzug ist verbucht: die Forderungen sind bezahlt.', 'The collection is booked: the claims are paid.')],
  ] as const) {
    app.post(`/sepa/collections/:id/${action}`, async (c) => {
      const deps = c.get('deps');
      const id = numericParam(c, 'id');
      const result = await attempt(() => inTransaction(deps.db, (trx) => run(trx, { collectionId: id, actor: actorOf(c) }, deps)));
      if (result.ok) setFlash(c, 'success', done);
      else flashError(c, result.error);
      return c.redirect(`/sepa/collections/${id}`);
    });
  }

  return app;
}

async function collectionsPage(c: AppContext, v: { form?: Record<string, unknown>; error?: AppError }) {
  const t = tr(c);
  const deps = c.get('deps');
  const lang = c.get('lang');
  const [collections, association] = await Promise.all([listCollections(deps.db), getAssociation(deps.db)]);
  const days = association?.prenotification_days ?? 14;
  const earliest = addDays(berlinToday(deps.clock.now()), days);
  const errors = fieldErrorsOf(v.error);
  const form = (v.form ?? { due_date: earliest }) as Record<string, string>;
  return (
    <Layout c={c} title={t('SEPA-Lastschriften', 'SEPA direct debits')}>
      <h2>{t('Neuer Einzug', 'New collection')}</h2>
      <p class="hint">
        {t(
          `Sammelt alle bis zum Fälligkeitstag fälligen, offenen Beiträge der Mitglieder mit Lastschrift und aktivem Mandat, schickt jedem Zahler sofort die Vorabankündigung (${days} Tage vorher) und bereitet die Datei vor.`,
          `Collects every open fee due by the due date of members paying by debit with an active mandate, sends each payer the pre-notification now (${days} days ahead) and prepares the file.`,
        )}
      </p>
      <ErrorSummary c={c} errors={errors} detail={v.error?.detail ? say(c, v.error.detail) : undefined} />
      <form method="post" action="/sepa/collections" novalidate>
        <Csrf c={c} />
        <Field c={c} name="due_date" label={t('Fälligkeitstag (Einzug)', 'Due date (collection)')} type="date" value={form.due_date} errors={errors} required hint={t(`frühestens ${formatDate(earliest)}`, `${formatDate(earliest)} at the earliest`)} />
        <button type="submit">{t('Einzug vorbereiten und ankündigen', 'Prepare and pre-notify')}</button>
      </form>
      <h2>{t('Einzüge', 'Collections')}</h2>
      {collections.length === 0 ? (
        <EmptyState>{t('Noch keine Lastschrifteinzüge.', 'No collections yet.')}</EmptyState>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Fällig', 'Due')}</th>
                <th scope="col">{t('Status', 'Status')}</th>
                <th scope="col" class="num">
                  {t('Lastschriften', 'Debits')}
                </th>
                <th scope="col" class="num">
                  {t('Summe', 'Total')}
                </th>
                <th scope="col">{t('Angelegt', 'Created')}</th>
              </tr>
            </thead>
            <tbody>
              {collections.map((col) => (
                <tr>
                  <td>
                    <a href={`/sepa/collections/${col.id}`}>{formatDate(col.due_date)}</a>
                  </td>
                  <td>{say(c, COLLECTION_STATUS[col.status])}</td>
                  <td class="num">{col.debits}</td>
                  <td class="num">{formatEuro(col.total_cents)}</td>
                  <td>{formatDateTime(col.created_at, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

/** The mandate box on the member page: the active mandate, its history, and the forms. */
export function MandateSection(props: { c: AppContext; memberId: number; paysByDebit: boolean; mandates: { id: number; reference: string; signed_on: string; iban: string; bic: string | null; account_holder: string; status: string; last_collected_on: string | null; amended_from_iban: string | null; revoked_reason: string | null; signed_online_text?: string | null }[]; holderDefault: string; today: string }) {
  const { c, mandates } = props;
  const t = tr(c);
  const active = mandates.find((m) => m.status === 'active');
  return (
    <section aria-labelledby="mandate">
      <h2 id="mandate">{t('SEPA-Lastschriftmandat', 'SEPA direct-debit mandate')}</h2>
      {!props.paysByDebit && !active && <p class="hint">{t('Das Mitglied zahlt nicht per Lastschrift.', 'The member does not pay by direct debit.')}</p>}
      {props.paysByDebit && !active && <p class="flash info">{t('Kein aktives Mandat: ohne Mandat wird nicht eingezogen.', 'No active mandate: nothing is collected without one.')}</p>}
      {mandates.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Mandatsreferenz', 'Mandate reference')}</th>
                <th scope="col">{t('Unterschrieben', 'Signed')}</th>
                <th scope="col">{t('Konto', 'Account')}</th>
                <th scope="col">{t('Status', 'Status')}</th>
              </tr>
            </thead>
            <tbody>
              {mandates.map((m) => (
                <tr>
                  <td>{m.reference}</td>
                  <td>
                    {formatDate(m.signed_on)}
                    {m.signed_online_text && (
                      <details>
                        <summary>{t('online erteilt – Mandatstext', 'given online – mandate text')}</summary>
                        <pre lang="de">{m.signed_online_text}</pre>
                      </details>
                    )}
                  </td>
                  <td>
                    {m.account_holder}
                    <div class="hint">
                      {formatIban(m.iban)}
                      {m.bic ? ` · ${m.bic}` : ''}
                    </div>
                    {m.amended_from_iban && <div class="hint">{t('geändert – nächste Lastschrift mit Änderungshinweis', 'changed – next debit flags the amendment')}</div>}
                  </td>
                  <td>
                    {m.status === 'active' ? t('aktiv', 'active') : m.status === 'expired' ? t('verfallen', 'expired') : t('widerrufen', 'revoked')}
                    {m.last_collected_on && <div class="hint">{t(`zuletzt eingezogen ${formatDate(m.last_collected_on)}`, `last collected ${formatDate(m.last_collected_on)}`)}</div>}
                    {m.revoked_reason && <div class="hint">{m.revoked_reason}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {active && (
        <>
          <details>
            <summary>{t('Kontoverbindung ändern (gleiches Mandat)', 'Change the account (same mandate)')}</summary>
            <form method="post" action={`/mandates/${active.id}/account`}>
              <Csrf c={c} />
              <div class="grid">
                <Field c={c} idPrefix="ma-" name="iban" label="IBAN" value={formatIban(active.iban)} required />
                <Field c={c} idPrefix="ma-" name="bic" label={t('BIC (freiwillig im EWR)', 'BIC (optional in the EEA)')} value={active.bic ?? ''} />
                <Field c={c} idPrefix="ma-" name="account_holder" label={t('Kontoinhaber/in (wie bei der Bank)', 'Account holder (as at the bank)')} value={active.account_holder} required />
              </div>
              <button type="submit" class="secondary">
                {t('Konto ändern', 'Change account')}
              </button>
            </form>
          </details>
          <details>
            <summary>{t('Mandat widerrufen', 'Revoke the mandate')}</summary>
            <form method="post" action={`/mandates/${active.id}/revoke`}>
              <Csrf c={c} />
              <Field c={c} idPrefix="mr-" name="reason" label={t('Grund', 'Reason')} value="Widerruf durch das Mitglied" />
              <button type="submit" class="danger">
                {t('Widerrufen', 'Revoke')}
              </button>
            </form>
          </details>
        </>
      )}
      <details open={props.paysByDebit && !active}>
        <summary>{active ? t('Neues Mandat erfassen (ersetzt das aktive)', 'Record a new mandate (replaces the active one)') : t('Mandat erfassen', 'Record a mandate')}</summary>
        <form method="post" action={`/members/${props.memberId}/mandates`}>
          <Csrf c={c} />
          <div class="grid">
            <Field c={c} idPrefix="mn-" name="signed_on" label={t('Unterschrieben am', 'Signed on')} type="date" value={props.today} required />
            <Field c={c} idPrefix="mn-" name="iban" label="IBAN" required />
            <Field c={c} idPrefix="mn-" name="bic" label={t('BIC (freiwillig im EWR)', 'BIC (optional in the EEA)')} />
            <Field
              c={c}
              idPrefix="mn-"
              name="account_holder"
              label={t('Kontoinhaber/in (wie bei der Bank, lateinische Buchstaben)', 'Account holder (as at the bank, Latin letters)')}
              value={props.holderDefault}
              required
            />
            <Field c={c} idPrefix="mn-" name="reference" label={t('Mandatsreferenz (leer = automatisch)', 'Mandate reference (empty = automatic)')} />
          </div>
          <button type="submit">{t('Mandat speichern', 'Save mandate')}</button>
        </form>
      </details>
    </section>
  );
}
