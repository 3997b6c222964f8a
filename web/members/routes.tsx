import { Hono } from 'hono';
import { entityHistory } from '../../api/audit/entity-history';
import { claimsOfMember, debtorIdsInArrears, paymentsOfMember } from '../../api/dues/queries';
import { mandatesOf } from '../../api/sepa/queries';
import { MandateSection } from '../sepa/routes';
import { inTransaction } from '../../api/deps';
import { actorOf, type AppContext, type AppEnv } from '../../api/http/context';
import { AppError, msg, validationError, type FieldError, type Msg } from '../../api/http/errors';
import { parseOrThrow } from '../../api/http/validate';
import { berlinToday, formatDate, formatDateTime } from '../../api/lib/dates';
import { formatAmount, formatEuro } from '../../api/lib/money';
import { createMember } from '../../api/members/create-member';
import { receiptsOfPerson } from '../../api/receipts/lookup-queries';
import { ReceiptsSection } from '../donations/receipts-section';
import { exportMembersCsv } from '../../api/members/export-members-csv';
import { countOpenApplications, findMember, findMemberDetails, findMemberIdByNumber, listMembers, listMembershipTypes, membersPaidBy } from '../../api/members/queries';
import { PAGE_SIZE } from '../../api/members/routes';
import { saveMembershipType } from '../../api/members/save-membership-type';
import { memberFilterSchema, memberSchema, membershipTypeSchema, type MemberFilter } from '../../api/members/schemas';
import { MEMBER_NOT_FOUND, updateMember } from '../../api/members/update-member';
import type { Member } from '../../db/schema';
import { setFlash } from '../flash';
import { attempt, fieldErrorsOf, readForm } from '../forms';
import { CLAIM_STATUS_LABELS, INTERVAL_LABELS, MEMBER_LANGUAGE_LABELS, MEMBER_STATUS_LABELS, PAYMENT_METHOD_LABELS, say, tr } from '../i18n';
import { Checkbox, Csrf, EmptyState, ErrorSummary, Field, Layout, Pager, Select } from '../layout';
import { MemberForm, typeLabel, type MemberFormValues } from './member-form';

/** How the member's history names what happened. */
const HISTORY_ACTIONS: Record<string, Msg> = {
  'member.created': msg('angelegt', 'created'),
  'member.imported': msg('angelegt (Import)', 'created (import)'),
  'member.applied': msg('Online-Antrag gestellt', 'applied online'),
  'member.accepted': msg('Antrag angenommen, aufgenommen', 'application accepted'),
};

function idOf(c: AppContext) {
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found', MEMBER_NOT_FOUND);
  return id;
}

/** The web form names the payer by member number; the record stores the member id. */
async function memberInputFromForm(c: AppContext, form: Record<string, unknown>) {
  const { payer_member_number: payerNumber, ...rest } = form as Record<string, string>;
  let payer_member_id: number | undefined;
  if (payerNumber?.trim()) {
    const found = /^\d+$/.test(payerNumber.trim()) ? await findMemberIdByNumber(c.get('deps').db, Number(payerNumber)) : undefined;
    if (!found) throw validationError([{ field: 'payer_member_number', message: msg(`Kein Mitglied mit der Nummer ${payerNumber}.`, `No member with number ${payerNumber}.`) }]);
    payer_member_id = found.id;
  }
  try {
    return parseOrThrow(memberSchema, { ...rest, ...(payer_member_id ? { payer_member_id } : {}) });
  } catch (error) {
    throw renamePayerErrors(error);
  }
}

function renamePayerErrors(error: unknown) {
  if (error instanceof AppError) {
    error.fieldErrors.forEach((e: FieldError) => {
      if (e.field === 'payer_member_id') e.field = 'payer_member_number';
    });
  }
  return error;
}

function filterQuery(filter: Partial<MemberFilter>, page?: number) {
  const p = new URLSearchParams();
  if (filter.q) p.set('q', filter.q);
  if (filter.status) p.set('status', filter.status);
  if (filter.type) p.set('type', String(filter.type));
  if (filter.arrears) p.set('arrears', '1');
  if (page && page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function webMemberRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/members', async (c) => {
    const t = tr(c);
    const deps = c.get('deps');
    const parsed = memberFilterSchema.safeParse(c.req.query());
    const filter: MemberFilter = parsed.success ? parsed.data : { page: 1 };
    if (filter.arrears) filter.ids = await debtorIdsInArrears(deps.db, berlinToday(deps.clock.now()));
    const [{ rows, total }, types, openApplications] = await Promise.all([listMembers(deps.db, filter, PAGE_SIZE), listMembershipTypes(deps.db), countOpenApplications(deps.db)]);
    const statusOptions = Object.entries(MEMBER_STATUS_LABELS).map(([value, m]) => ({ value, label: say(c, m) }));
    return c.html(
      <Layout c={c} title={t('Mitglieder', 'Members')}>
        <div class="actions">
          <a class="button" href="/members/new">
            {t('Neues Mitglied', 'New member')}
          </a>
          <a href={`/members/export.csv${filterQuery(filter)}`}>{t('Als CSV (Excel)', 'As CSV (Excel)')}</a>
          <a href="/members/import">{t('CSV importieren', 'Import CSV')}</a>
          <a href="/membership-types">{t('Beitragsarten', 'Membership types')}</a>
          <a href="/members/applications">{openApplications > 0 ? t(`Mitgliedsanträge (${openApplications} offen)`, `Applications (${openApplications} open)`) : t('Mitgliedsanträge', 'Applications')}</a>
        </div>
        <form method="get" action="/members" class="toolbar" role="search">
          <Field c={c} name="q" label={t('Suche', 'Search')} value={filter.q} hint={t('Name, E-Mail, Ort oder Nummer', 'Name, e-mail, city or number')} />
          <Select c={c} name="status" label={t('Status', 'Status')} value={filter.status} options={statusOptions} blank={t('alle', 'all')} />
          <Select c={c} name="type" label={t('Beitragsart', 'Type')} value={filter.type} options={types.map((ty) => ({ value: ty.id, label: ty.name }))} blank={t('alle', 'all')} />
          <Checkbox c={c} name="arrears" label={t('nur mit Rückstand', 'only in arrears')} checked={filter.arrears === true} />
          <button type="submit" class="secondary">
            {t('Filtern', 'Filter')}
          </button>
        </form>
        <p class="hint" role="status">
          {t(`${total} Mitglied(er)`, `${total} member(s)`)}
        </p>
        {rows.length === 0 ? (
          <EmptyState>
            {filter.q || filter.status || filter.type || filter.arrears
              ? t('Keine Mitglieder passen zu diesem Filter.', 'No members match this filter.')
              : t('Noch keine Mitglieder. Legen Sie das erste an.', 'No members yet. Create the first one.')}
          </EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    {t('Nr.', 'No.')}
                  </th>
                  <th scope="col">{t('Name', 'Name')}</th>
                  <th scope="col">{t('Ort', 'City')}</th>
                  <th scope="col">{t('Beitragsart', 'Type')}</th>
                  <th scope="col">{t('Zahlung', 'Payment')}</th>
                  <th scope="col">{t('Status', 'Status')}</th>
                  <th scope="col">{t('Eintritt', 'Joined')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => (
                  <tr>
                    <td class="num">{m.member_number ?? '–'}</td>
                    <td>
                      <a href={`/members/${m.id}`}>
                        {m.last_name}, {m.first_name}
                      </a>
                    </td>
                    <td>{m.city ?? ''}</td>
                    <td>
                      {m.type_name}
                      {m.reduced_fee ? ` (${t('ermäßigt', 'reduced')})` : ''}
                    </td>
                    <td>{m.payer_member_number ? t(`über Nr. ${m.payer_member_number}`, `via no. ${m.payer_member_number}`) : say(c, PAYMENT_METHOD_LABELS[m.payment_method]!)}</td>
                    <td>{say(c, MEMBER_STATUS_LABELS[m.status]!)}</td>
                    <td>{m.join_date ? formatDate(m.join_date) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager c={c} page={filter.page} total={total} pageSize={PAGE_SIZE} href={(page) => `/members${filterQuery(filter, page)}`} />
      </Layout>,
    );
  });

  app.get('/members/export.csv', async (c) => {
    const parsed = memberFilterSchema.safeParse(c.req.query());
    const csv = await exportMembersCsv(c.get('deps').db, parsed.success ? parsed.data : {});
    const day = berlinToday(c.get('deps').clock.now());
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="mitglieder-${day}.csv"`,
      'cache-control': 'no-store',
    });
  });

  app.get('/members/new', async (c) => {
    const types = await listMembershipTypes(c.get('deps').db, {});
    return c.html(memberFormPage(c, { title: tr(c)('Neues Mitglied', 'New member'), action: '/members', values: { join_date: '' }, types }));
  });

  app.post('/members', async (c) => {
    const deps = c.get('deps');
    const form = await readForm(c);
    const result = await attempt(async () => {
      const member = await memberInputFromForm(c, form);
      return inTransaction(deps.db, (trx) => createMember(trx, { member, actor: actorOf(c) }, deps)).catch((e) => {
        throw renamePayerErrors(e);
      });
    });
    if (!result.ok) {
      const types = await listMembershipTypes(deps.db);
      return c.html(memberFormPage(c, { title: tr(c)('Neues Mitglied', 'New member'), action: '/members', values: form, types, error: result.error }), 422);
    }
    setFlash(c, 'success', msg(`Mitglied ${result.value.first_name} ${result.value.last_name} ist angelegt.`, `Member ${result.value.first_name} ${result.value.last_name} is created.`));
    return c.redirect(`/members/${result.value.id}`);
  });

  app.get('/members/:id', async (c) => {
    const t = tr(c);
    const deps = c.get('deps');
    const lang = c.get('lang');
    const id = idOf(c);
    const m = await findMemberDetails(deps.db, id);
    if (!m) throw new AppError('not_found', MEMBER_NOT_FOUND);
    const [paysFor, history, claims, payments, mandates, receipts] = await Promise.all([
      membersPaidBy(deps.db, id),
      entityHistory(deps.db, 'member', id),
      claimsOfMember(deps.db, id),
      paymentsOfMember(deps.db, id),
      mandatesOf(deps.db, id),
      receiptsOfPerson(deps.db, { memberId: id }),
    ]);
    const today = berlinToday(deps.clock.now());
    const fee = m.reduced_fee && m.reduced_fee_cents !== null ? m.reduced_fee_cents : m.fee_cents;
    const date = (d: string | null) => (d ? formatDate(d) : '–');
    return c.html(
      <Layout c={c} title={`${m.first_name} ${m.last_name}`}>
        <div class="actions">
          <a class="button" href={`/members/${id}/edit`}>
            {t('Bearbeiten', 'Edit')}
          </a>
          <a href="/members">{t('Zur Liste', 'Back to the list')}</a>
        </div>
        <dl class="facts">
          <dt>{t('Mitgliedsnummer', 'Member number')}</dt>
          <dd>{m.member_number ?? t('noch keine (Antrag)', 'none yet (applicant)')}</dd>
          <dt>{t('Status', 'Status')}</dt>
          <dd>{say(c, MEMBER_STATUS_LABELS[m.status]!)}</dd>
          <dt>{t('Eintritt / Austritt', 'Joined / left')}</dt>
          <dd>
            {date(m.join_date)} / {date(m.exit_date)}
          </dd>
          <dt>{t('Anschrift', 'Address')}</dt>
          <dd>{[m.street, [m.postal_code, m.city].filter(Boolean).join(' '), m.country !== 'DE' ? m.country : null].filter(Boolean).join(', ') || '–'}</dd>
          <dt>{t('E-Mail / Telefon', 'E-mail / phone')}</dt>
          <dd>
            {m.email ?? '–'} / {m.phone ?? '–'}
          </dd>
          <dt>{t('Geburtsdatum', 'Birth date')}</dt>
          <dd>{date(m.birth_date)}</dd>
          <dt>{t('Sprache', 'Language')}</dt>
          <dd>{MEMBER_LANGUAGE_LABELS[m.language]}</dd>
          <dt>{t('Beitrag', 'Fee')}</dt>
          <dd>
            {m.type_name}: {formatEuro(fee)} {say(c, INTERVAL_LABELS[m.interval]!)}
            {m.reduced_fee ? ` (${t('ermäßigt', 'reduced')})` : ''}
          </dd>
          <dt>{t('Zahlung', 'Payment')}</dt>
          <dd>
            {m.payer_member_id ? (
              <>
                {t('bezahlt von', 'paid by')}{' '}
                <a href={`/members/${m.payer_member_id}`}>
                  {m.payer_first_name} {m.payer_last_name} ({t('Nr.', 'no.')} {m.payer_member_number})
                </a>
              </>
            ) : (
              say(c, PAYMENT_METHOD_LABELS[m.payment_method]!)
            )}
          </dd>
          {paysFor.length > 0 && (
            <>
              <dt>{t('Zahlt auch für', 'Also pays for')}</dt>
              <dd>
                {paysFor.map((p, i) => (
                  <>
                    {i > 0 && ', '}
                    <a href={`/members/${p.id}`}>
                      {p.first_name} {p.last_name}
                    </a>
                  </>
                ))}
              </dd>
            </>
          )}
          <dt>{t('Einwilligungen', 'Consents')}</dt>
          <dd>
            {t('Newsletter', 'Newsletter')}: {m.consent_newsletter_on ? formatDate(m.consent_newsletter_on) : t('nein', 'no')}; {t('Fotos', 'Photos')}:{' '}
            {m.consent_photos_on ? formatDate(m.consent_photos_on) : t('nein', 'no')}
          </dd>
          <dt>{t('Notizen', 'Notes')}</dt>
          <dd>{m.notes ?? '–'}</dd>
        </dl>
        <MemberDues c={c} memberId={id} claims={claims} payments={payments} today={today} />
        {!m.payer_member_id && (
          <MandateSection c={c} memberId={id} paysByDebit={m.payment_method === 'sepa_debit'} mandates={mandates} holderDefault={`${m.first_name} ${m.last_name}`} today={today} />
        )}
        <ReceiptsSection c={c} receipts={receipts} issueHref={`/receipts/new?member=${id}`} />
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
                    <td>{say(c, HISTORY_ACTIONS[h.action] ?? msg('geändert', 'changed'))}</td>
                    <td>
                      {h.action === 'member.created' || h.action === 'member.imported'
                        ? ''
                        : Object.keys(h.after ?? {})
                            .map((k) => `${k}: ${JSON.stringify((h.before ?? {})[k] ?? null)} → ${JSON.stringify((h.after ?? {})[k] ?? null)}`)
                            .join('; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Layout>,
    );
  });

  app.get('/members/:id/edit', async (c) => {
    const deps = c.get('deps');
    const id = idOf(c);
    const [member, types] = await Promise.all([findMember(deps.db, id), listMembershipTypes(deps.db)]);
    if (!member) throw new AppError('not_found', MEMBER_NOT_FOUND);
    const payer = member.payer_member_id ? await findMember(deps.db, member.payer_member_id) : null;
    return c.html(
      memberFormPage(c, {
        title: `${member.first_name} ${member.last_name}`,
        action: `/members/${id}`,
        values: formValues(member, payer?.member_number ?? null),
        types,
      }),
    );
  });

  app.post('/members/:id', async (c) => {
    const deps = c.get('deps');
    const id = idOf(c);
    const form = await readForm(c);
    const result = await attempt(async () => {
      const member = await memberInputFromForm(c, form);
      return inTransaction(deps.db, (trx) => updateMember(trx, { id, member, actor: actorOf(c) }, deps)).catch((e) => {
        throw renamePayerErrors(e);
      });
    });
    if (!result.ok) {
      if (result.error.code === 'not_found') throw result.error;
      const types = await listMembershipTypes(deps.db);
      return c.html(memberFormPage(c, { title: tr(c)('Mitglied bearbeiten', 'Edit member'), action: `/members/${id}`, values: form, types, error: result.error }), 422);
    }
    setFlash(c, 'success', msg('Gespeichert.', 'Saved.'));
    return c.redirect(`/members/${id}`);
  });

  // ---- membership types
  app.get('/membership-types', async (c) => c.html(await typesPage(c, {})));

  app.post('/membership-types', async (c) => {
    const deps = c.get('deps');
    const form = await readForm(c);
    const result = await attempt(() => {
      const type = parseOrThrow(membershipTypeSchema, { active: 'on', ...form });
      return inTransaction(deps.db, (trx) => saveMembershipType(trx, { id: null, type, actor: actorOf(c) }, deps));
    });
    if (!result.ok) return c.html(await typesPage(c, { form, error: result.error }), 422);
    setFlash(c, 'success', msg(`Beitragsart „${result.value.name}“ ist angelegt.`, `Membership type “${result.value.name}” is created.`));
    return c.redirect('/membership-types');
  });

  app.post('/membership-types/:id', async (c) => {
    const deps = c.get('deps');
    const id = Number(c.req.param('id'));
    const form = await readForm(c);
    const result = await attempt(() => {
      const type = parseOrThrow(membershipTypeSchema, form);
      return inTransaction(deps.db, (trx) => saveMembershipType(trx, { id, type, actor: actorOf(c) }, deps));
    });
    if (!result.ok) return c.html(await typesPage(c, { editId: id, form, error: result.error }), result.error.code === 'not_found' ? 404 : 422);
    setFlash(c, 'success', msg(`Beitragsart „${result.value.name}“ ist gespeichert.`, `Membership type “${result.value.name}” is saved.`));
    return c.redirect('/membership-types');
  });

  return app;
}

function formValues(m: Member, payerNumber: number | null): MemberFormValues {
  const { payer_member_id: _p, ...rest } = m;
  return { ...rest, payer_member_number: payerNumber ?? '' };
}

function memberFormPage(c: AppContext, v: { title: string; action: string; values: MemberFormValues; types: Awaited<ReturnType<typeof listMembershipTypes>>; error?: AppError }) {
  const t = tr(c);
  const errors = fieldErrorsOf(v.error);
  return (
    <Layout c={c} title={v.title}>
      {v.types.length === 0 ? (
        <p class="flash info">
          {t('Zuerst eine Beitragsart anlegen:', 'Create a membership type first:')} <a href="/membership-types">{t('Beitragsarten', 'Membership types')}</a>
        </p>
      ) : (
        <>
          <ErrorSummary c={c} errors={errors} detail={v.error?.detail ? say(c, v.error.detail) : undefined} />
          <MemberForm c={c} action={v.action} values={v.values} errors={errors} types={v.types} submit={t('Speichern', 'Save')} />
        </>
      )}
    </Layout>
  );
}

async function typesPage(c: AppContext, v: { editId?: number; form?: Record<string, unknown>; error?: AppError }) {
  const t = tr(c);
  const types = await listMembershipTypes(c.get('deps').db);
  const errors = fieldErrorsOf(v.error);
  const form = (v.form ?? {}) as Record<string, string>;
  const intervals = Object.entries(INTERVAL_LABELS).map(([value, m]) => ({ value, label: say(c, m) }));
  return (
    <Layout c={c} title={t('Beitragsarten', 'Membership types')}>
      {types.length === 0 ? (
        <EmptyState>{t('Noch keine Beitragsarten.', 'No membership types yet.')}</EmptyState>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Beitragsart', 'Type')}</th>
                <th scope="col" class="num">
                  {t('Aktive Mitglieder', 'Active members')}
                </th>
                <th scope="col">{t('Ändern', 'Change')}</th>
              </tr>
            </thead>
            <tbody>
              {types.map((ty) => {
                const editing = v.editId === ty.id;
                const values = editing ? form : { name: ty.name, fee_cents: formatAmount(ty.fee_cents), reduced_fee_cents: ty.reduced_fee_cents === null ? '' : formatAmount(ty.reduced_fee_cents), interval: ty.interval };
                const errs = editing ? errors : [];
                return (
                  <tr>
                    <td>
                      {typeLabel(c, ty)}
                      {!ty.active && ` – ${t('nicht mehr wählbar', 'no longer selectable')}`}
                    </td>
                    <td class="num">{ty.active_members ?? 0}</td>
                    <td>
                      <details open={editing}>
                        <summary>{t('Bearbeiten', 'Edit')}</summary>
                        <form method="post" action={`/membership-types/${ty.id}`} novalidate>
                          <Csrf c={c} />
                          <TypeFields c={c} values={values} errors={errs} intervals={intervals} prefix={`t${ty.id}-`} />
                          <Checkbox c={c} idPrefix={`t${ty.id}-`} name="active" label={t('wählbar für neue Mitglieder', 'selectable for new members')} checked={editing ? form.active === 'on' : ty.active} />
                          <button type="submit" class="secondary">
                            {t('Speichern', 'Save')}
                          </button>
                        </form>
                      </details>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('Neue Beitragsart', 'New membership type')}</h2>
      <ErrorSummary c={c} errors={v.editId ? [] : errors} />
      <form method="post" action="/membership-types" novalidate>
        <Csrf c={c} />
        <TypeFields c={c} values={v.editId ? {} : form} errors={v.editId ? [] : errors} intervals={intervals} prefix="" />
        <button type="submit">{t('Anlegen', 'Create')}</button>
      </form>
    </Layout>
  );
}

function TypeFields(props: { c: AppContext; values: Record<string, any>; errors: FieldError[]; intervals: { value: string; label: string }[]; prefix: string }) {
  const { c, values, errors } = props;
  const t = tr(c);
  // Field ids must be unique on the page: each row's form gets its own prefix.
  const idPrefix = props.prefix;
  return (
    <div class="grid">
      <Field c={c} idPrefix={idPrefix} name="name" label={t('Name', 'Name')} value={values.name} errors={errors} required hint={t('z. B. „Ordentliches Mitglied“', 'e.g. “Regular member”')} />
      <Field c={c} idPrefix={idPrefix} name="fee_cents" label={t('Beitrag (€)', 'Fee (€)')} value={values.fee_cents} errors={errors} required inputmode="decimal" hint="12,00" />
      <Field c={c} idPrefix={idPrefix} name="reduced_fee_cents" label={t('Ermäßigt (€, freiwillig)', 'Reduced (€, optional)')} value={values.reduced_fee_cents} errors={errors} inputmode="decimal" />
      <Select c={c} idPrefix={idPrefix} name="interval" label={t('Zeitraum', 'Interval')} value={values.interval ?? 'yearly'} options={props.intervals} errors={errors} required />
    </div>
  );
}

type MemberClaim = Awaited<ReturnType<typeof claimsOfMember>>[number];
type MemberPayment = Awaited<ReturnType<typeof paymentsOfMember>>[number];

/** The member's claims (their own and those they pay for), payments and balance, with the treasurer's actions. */
function MemberDues(props: { c: AppContext; memberId: number; claims: MemberClaim[]; payments: MemberPayment[]; today: string }) {
  const { c, claims, payments, today } = props;
  const t = tr(c);
  const owed = claims.filter((cl) => cl.debtor_member_id === props.memberId && ['open', 'partly_paid', 'returned'].includes(cl.status));
  const balance = owed.reduce((sum, cl) => sum + cl.amount_cents - cl.paid_cents, 0);
  const overdue = owed.filter((cl) => cl.due_date < today).reduce((sum, cl) => sum + cl.amount_cents - cl.paid_cents, 0);
  return (
    <section aria-labelledby="dues">
      <h2 id="dues">{t('Beiträge', 'Dues')}</h2>
      <p role="status">
        {t('Offen', 'Open')}: <strong>{formatEuro(balance)}</strong>
        {overdue > 0 && (
          <>
            {' '}
            – <span class="error">{t(`davon überfällig ${formatEuro(overdue)}`, `${formatEuro(overdue)} overdue`)}</span>
          </>
        )}
      </p>
      {claims.length === 0 ? (
        <EmptyState>{t('Noch keine Forderungen.', 'No claims yet.')}</EmptyState>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Fällig', 'Due')}</th>
                <th scope="col">{t('Forderung', 'Claim')}</th>
                <th scope="col" class="num">
                  {t('Betrag', 'Amount')}
                </th>
                <th scope="col" class="num">
                  {t('Bezahlt', 'Paid')}
                </th>
                <th scope="col">{t('Status', 'Status')}</th>
                <th scope="col">{t('Erfassen', 'Record')}</th>
              </tr>
            </thead>
            <tbody>
              {claims.map((cl) => {
                const open = cl.amount_cents - cl.paid_cents;
                const settleable = cl.debtor_member_id === props.memberId && ['open', 'partly_paid', 'returned'].includes(cl.status);
                return (
                  <tr>
                    <td>{formatDate(cl.due_date)}</td>
                    <td>
                      {cl.label}
                      {cl.member_id !== props.memberId && <div class="hint">{t(`für ${cl.first_name} ${cl.last_name}`, `for ${cl.first_name} ${cl.last_name}`)}</div>}
                      {cl.debtor_member_id !== props.memberId && <div class="hint">{t('bezahlt das zahlende Mitglied', 'paid by the paying member')}</div>}
                      {cl.written_off_reason && <div class="hint">{cl.written_off_reason}</div>}
                    </td>
                    <td class="num">{formatEuro(cl.amount_cents)}</td>
                    <td class="num">{formatEuro(cl.paid_cents)}</td>
                    <td>{say(c, CLAIM_STATUS_LABELS[cl.status]!)}</td>
                    <td>
                      {settleable && (
                        <>
                          <details>
                            <summary>{t('Zahlung', 'Payment')}</summary>
                            <form method="post" action={`/dues/claims/${cl.id}/payments`}>
                              <Csrf c={c} />
                              <input type="hidden" name="back" value={`/members/${props.memberId}`} />
                              <Field c={c} idPrefix={`p${cl.id}-`} name="amount_cents" label={t('Betrag (€)', 'Amount (€)')} value={formatAmount(open)} inputmode="decimal" required />
                              <Field c={c} idPrefix={`p${cl.id}-`} name="paid_on" label={t('Eingang am', 'Received on')} type="date" value={today} required />
                              <Select c={c} idPrefix={`p${cl.id}-`} name="method" label={t('Art', 'Kind')} value="transfer" options={[{ value: 'transfer', label: t('Überweisung', 'Transfer') }, { value: 'cash', label: t('Bar', 'Cash') }]} />
                              <Field c={c} idPrefix={`p${cl.id}-`} name="reference" label={t('Verwendungszweck / Beleg', 'Reference / receipt')} />
                              <button type="submit">{t('Zahlung erfassen', 'Record payment')}</button>
                            </form>
                          </details>
                          <details>
                            <summary>{t('Ausbuchen', 'Write off')}</summary>
                            <form method="post" action={`/dues/claims/${cl.id}/write-off`}>
                              <Csrf c={c} />
                              <input type="hidden" name="back" value={`/members/${props.memberId}`} />
                              <Field c={c} idPrefix={`w${cl.id}-`} name="reason" label={t('Grund', 'Reason')} required />
                              <button type="submit" class="danger">
                                {t('Offenen Betrag ausbuchen', 'Write off what is open')}
                              </button>
                            </form>
                          </details>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {payments.length > 0 && (
        <>
          <h3>{t('Zahlungen', 'Payments')}</h3>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Datum', 'Date')}</th>
                  <th scope="col">{t('Für', 'For')}</th>
                  <th scope="col">{t('Art', 'Kind')}</th>
                  <th scope="col" class="num">
                    {t('Betrag', 'Amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {payments.map((p) => (
                  <tr>
                    <td>{formatDate(p.paid_on)}</td>
                    <td>
                      {p.label}
                      {p.reference && <div class="hint">{p.reference}</div>}
                    </td>
                    <td>{p.method === 'cash' ? t('bar', 'cash') : say(c, PAYMENT_METHOD_LABELS[p.method] ?? PAYMENT_METHOD_LABELS.transfer!)}</td>
                    <td class="num">{formatEuro(p.amount_cents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
