import { Hono } from 'hono';
import { entityHistory } from '../../api/audit/entity-history';
import { inTransaction } from '../../api/deps';
import { keepDonorApart } from '../../api/donations/keep-donor-apart';
import { countProposedMatches, donationsOfDonor, findDonor, findMemberBrief, giftSummaryOfDonor, listDonors, listProposedMatches, subscriptionsOfDonor } from '../../api/donations/ledger-queries';
import { DONATION_PAGE_SIZE } from '../../api/donations/ledger-routes';
import { DONOR_NOT_FOUND } from '../../api/donations/ledger-rules';
import { donorFilterSchema, donorSchema, type DonorFilter } from '../../api/donations/ledger-schemas';
import { mergeDonor } from '../../api/donations/merge-donor';
import { updateDonor } from '../../api/donations/update-donor';
import { actorOf, type AppContext, type AppEnv } from '../../api/http/context';
import { AppError, msg } from '../../api/http/errors';
import { parseOrThrow } from '../../api/http/validate';
import { formatDate, formatDateTime } from '../../api/lib/dates';
import { formatEuro } from '../../api/lib/money';
import { receiptsOfPerson } from '../../api/receipts/lookup-queries';
import type { Donor } from '../../db/schema';
import { setFlash } from '../flash';
import { attempt, fieldErrorsOf, readForm } from '../forms';
import { MEMBER_LANGUAGE_LABELS, say, tr } from '../i18n';
import { Csrf, EmptyState, ErrorSummary, Field, Layout, Pager, Select } from '../layout';
import { SUBSCRIPTION_STATUS_LABELS } from './labels';
import { GiftTable } from './gift-table';
import { ReceiptsSection } from './receipts-section';
import { HistoryTable, numericId } from './routes';

const address = (d: { street: string | null; postal_code: string | null; city: string | null }) => [d.street, [d.postal_code, d.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');

export function webDonorRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/donors', async (c) => {
    const t = tr(c);
    const db = c.get('deps').db;
    const parsed = donorFilterSchema.safeParse(c.req.query());
    const filter: DonorFilter = parsed.success ? parsed.data : { page: 1 };
    const [{ rows, total }, proposals] = await Promise.all([listDonors(db, filter, DONATION_PAGE_SIZE), countProposedMatches(db)]);
    return c.html(
      <Layout c={c} title={t('Spender', 'Donors')}>
        <div class="actions">
          <a href="/donations">{t('Spenden', 'Donations')}</a>
          <a href="/donors/review" class={proposals > 0 ? 'button' : undefined}>
            {proposals > 0 ? t(`Zusammenführung prüfen (${proposals} offen)`, `Review matches (${proposals} open)`) : t('Zusammenführung prüfen', 'Review matches')}
          </a>
        </div>
        <form method="get" action="/donors" class="toolbar" role="search">
          <Field c={c} name="q" label={t('Suche', 'Search')} value={filter.q} hint={t('Name, E-Mail oder Ort', 'Name, e-mail or city')} />
          <button type="submit" class="secondary">
            {t('Suchen', 'Search')}
          </button>
        </form>
        <p class="hint" role="status">
          {t(`${total} Spender`, `${total} donor(s)`)}
        </p>
        {rows.length === 0 ? (
          <EmptyState>{filter.q ? t('Kein Spender passt zu dieser Suche.', 'No donor matches this search.') : t('Noch keine Spender.', 'No donors yet.')}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Name', 'Name')}</th>
                  <th scope="col">{t('E-Mail', 'E-mail')}</th>
                  <th scope="col">{t('Anschrift', 'Address')}</th>
                  <th scope="col" class="num">
                    {t('Spenden', 'Gifts')}
                  </th>
                  <th scope="col" class="num">
                    {t('Summe eingegangen', 'Total received')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <tr>
                    <td>
                      <a href={`/donors/${d.id}`}>{d.name}</a>
                      {d.member_id && <div class="hint">{t('Mitglied', 'member')}</div>}
                      {(d.proposed_donor_id || d.proposed_member_id) && (
                        <div>
                          <a href="/donors/review" class="badge">
                            {t('Zusammenführung vorgeschlagen', 'match proposed')}
                          </a>
                        </div>
                      )}
                    </td>
                    <td>{d.email ?? ''}</td>
                    <td>{address(d)}</td>
                    <td class="num">{d.gift_count}</td>
                    <td class="num">{formatEuro(d.succeeded_cents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager c={c} page={filter.page} total={total} pageSize={DONATION_PAGE_SIZE} href={(page) => `/donors?${new URLSearchParams({ ...(filter.q ? { q: filter.q } : {}), page: String(page) })}`} />
      </Layout>,
    );
  });

  app.get('/donors/review', async (c) => c.html(await reviewPage(c)));

  app.get('/donors/:id', async (c, next) => {
    if (!/^\d+$/.test(c.req.param('id'))) return next();
    const id = numericId(c, DONOR_NOT_FOUND);
    const donor = await findDonor(c.get('deps').db, id);
    if (!donor) throw new AppError('not_found', DONOR_NOT_FOUND);
    return c.html(await donorPage(c, donor, donor as unknown as Record<string, unknown>));
  });

  app.post('/donors/:id', async (c) => {
    const deps = c.get('deps');
    const id = numericId(c, DONOR_NOT_FOUND);
    const form = await readForm(c);
    const result = await attempt(() => {
      const donor = parseOrThrow(donorSchema, form);
      return inTransaction(deps.db, (trx) => updateDonor(trx, { id, donor, actor: actorOf(c) }, deps));
    });
    if (!result.ok) {
      if (result.error.code === 'not_found') throw result.error;
      const donor = await findDonor(deps.db, id);
      if (!donor) throw new AppError('not_found', DONOR_NOT_FOUND);
      return c.html(await donorPage(c, donor, form, result.error), 422);
    }
    setFlash(c, 'success', msg('Gespeichert.', 'Saved.'));
    return c.redirect(`/donors/${id}`);
  });

  app.post('/donors/:id/merge', async (c) => {
    const deps = c.get('deps');
    const id = numericId(c, DONOR_NOT_FOUND);
    const form = await readForm(c);
    const into = form.into === 'member' ? 'member' : form.into === 'donor' ? 'donor' : undefined;
    const result = await attempt(() => inTransaction(deps.db, (trx) => mergeDonor(trx, { id, into, actor: actorOf(c) }, deps)));
    if (!result.ok) {
      if (result.error.code === 'not_found') throw result.error;
      setFlash(c, 'error', result.error.detail ?? msg('Das ging nicht.', 'That did not work.'));
      return c.redirect('/donors/review');
    }
    const { kept, removedDonorId } = result.value;
    setFlash(
      c,
      'success',
      removedDonorId
        ? msg(`Zusammengeführt: Die Spenden gehören jetzt zu ${kept.name}.`, `Merged: the gifts now belong to ${kept.name}.`)
        : msg(`${kept.name} ist jetzt mit dem Mitglied verknüpft.`, `${kept.name} is now linked to the member.`),
    );
    return c.redirect('/donors/review');
  });

  app.post('/donors/:id/keep-apart', async (c) => {
    const deps = c.get('deps');
    const id = numericId(c, DONOR_NOT_FOUND);
    const result = await attempt(() => inTransaction(deps.db, (trx) => keepDonorApart(trx, { id, actor: actorOf(c) }, deps)));
    if (!result.ok) {
      if (result.error.code === 'not_found') throw result.error;
      setFlash(c, 'error', result.error.detail ?? msg('Das ging nicht.', 'That did not work.'));
      return c.redirect('/donors/review');
    }
    setFlash(c, 'success', msg(`${result.value.name} bleibt ein eigener Spender.`, `${result.value.name} stays a donor of their own.`));
    return c.redirect('/donors/review');
  });

  return app;
}

async function donorPage(c: AppContext, donor: Donor, values: Record<string, unknown>, error?: AppError) {
  const t = tr(c);
  const db = c.get('deps').db;
  const lang = c.get('lang');
  const [gifts, subscriptions, history, member, receipts] = await Promise.all([
    donationsOfDonor(db, donor.id),
    subscriptionsOfDonor(db, donor.id),
    entityHistory(db, 'donor', donor.id),
    donor.member_id ? findMemberBrief(db, donor.member_id) : Promise.resolve(undefined),
    receiptsOfPerson(db, { donorId: donor.id }),
  ]);
  const errors = fieldErrorsOf(error);
  const v = values as Record<string, string | null>;
  const received = gifts.filter((g) => g.status === 'succeeded').reduce((s, g) => s + g.amount_cents - g.refunded_cents, 0);
  return (
    <Layout c={c} title={donor.name}>
      <div class="actions">
        <a class="button" href={`/donations/new?donor_q=${encodeURIComponent(donor.name)}`}>
          {t('Spende erfassen', 'Record a gift')}
        </a>
        <a href={`/donations?donor=${donor.id}`}>{t('Spenden in der Liste', 'Gifts in the list')}</a>
        <a href="/donors">{t('Zur Liste', 'Back to the list')}</a>
      </div>
      {(donor.proposed_donor_id || donor.proposed_member_id) && (
        <p class="flash info">
          {t('Für diesen Spender ist eine Zusammenführung vorgeschlagen:', 'A match is proposed for this donor:')} <a href="/donors/review">{t('prüfen', 'review')}</a>
        </p>
      )}
      <dl class="facts">
        <dt>{t('Anschrift', 'Address')}</dt>
        <dd>{[address(donor), donor.country !== 'DE' ? donor.country : null].filter(Boolean).join(', ') || '–'}</dd>
        <dt>{t('E-Mail', 'E-mail')}</dt>
        <dd>{donor.email ?? '–'}</dd>
        <dt>{t('Sprache', 'Language')}</dt>
        <dd>{MEMBER_LANGUAGE_LABELS[donor.language]}</dd>
        <dt>{t('Mitglied', 'Member')}</dt>
        <dd>
          {member ? (
            <a href={`/members/${member.id}`}>
              {member.first_name} {member.last_name} ({t('Nr.', 'no.')} {member.member_number ?? '–'})
            </a>
          ) : (
            t('nein', 'no')
          )}
        </dd>
        <dt>{t('Eingegangen insgesamt', 'Received in total')}</dt>
        <dd>
          {formatEuro(received)} ({t(`${gifts.length} Spende(n)`, `${gifts.length} gift(s)`)})
        </dd>
        <dt>{t('Spender seit', 'Donor since')}</dt>
        <dd>{formatDateTime(donor.created_at, lang)}</dd>
      </dl>

      <h2>{t('Monatliche Spenden', 'Monthly gifts')}</h2>
      {subscriptions.length === 0 ? (
        <EmptyState>{t('Keine monatliche Spende.', 'No monthly gift.')}</EmptyState>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Seit', 'Since')}</th>
                <th scope="col" class="num">
                  {t('Betrag', 'Amount')}
                </th>
                <th scope="col">{t('Zweck', 'Purpose')}</th>
                <th scope="col">{t('Status', 'Status')}</th>
                <th scope="col">Stripe</th>
              </tr>
            </thead>
            <tbody>
              {subscriptions.map((s) => (
                <tr>
                  <td>{formatDate(s.started_on)}</td>
                  <td class="num">{formatEuro(s.amount_cents)}</td>
                  <td>{s.purpose_name ?? t('wo am nötigsten', 'where most needed')}</td>
                  <td>
                    {say(c, SUBSCRIPTION_STATUS_LABELS[s.status]!)}
                    {s.canceled_at && <div class="hint">{formatDateTime(s.canceled_at, lang)}</div>}
                  </td>
                  <td>
                    <code>{s.stripe_subscription_id}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t('Spenden', 'Gifts')}</h2>
      {gifts.length === 0 ? (
        <EmptyState>{t('Noch keine Spenden.', 'No gifts yet.')}</EmptyState>
      ) : (
        <GiftTable c={c} gifts={gifts} showDonor={false} />
      )}

      <ReceiptsSection c={c} receipts={receipts} issueHref={`/receipts/new?donor=${donor.id}`} />

      <h2 id="edit">{t('Name und Anschrift korrigieren', 'Correct name and address')}</h2>
      <ErrorSummary c={c} errors={errors} detail={error?.detail ? say(c, error.detail) : undefined} />
      <form method="post" action={`/donors/${donor.id}`} novalidate>
        <Csrf c={c} />
        <div class="grid">
          <Field c={c} name="name" label={t('Name', 'Name')} value={v.name} errors={errors} required hint={t('wie auf der Zuwendungsbestätigung', 'as on the receipt')} />
          <Field c={c} name="street" label={t('Straße und Hausnummer', 'Street and number')} value={v.street} errors={errors} />
          <Field c={c} name="postal_code" label={t('PLZ', 'Postal code')} value={v.postal_code} errors={errors} />
          <Field c={c} name="city" label={t('Ort', 'City')} value={v.city} errors={errors} />
          <Field c={c} name="country" label={t('Land', 'Country')} value={v.country} errors={errors} />
          <Field c={c} name="email" type="email" label={t('E-Mail', 'E-mail')} value={v.email} errors={errors} />
          <Select c={c} name="language" label={t('Sprache der Mails', 'Language of mails')} value={v.language} options={Object.entries(MEMBER_LANGUAGE_LABELS).map(([value, label]) => ({ value, label }))} errors={errors} />
          <Field c={c} name="notes" label={t('Notizen (intern)', 'Notes (internal)')} value={v.notes} errors={errors} />
        </div>
        <button type="submit">{t('Speichern', 'Save')}</button>
      </form>
      <HistoryTable c={c} history={history} />
    </Layout>
  );
}

type Side = { name: string; address: string; email: string | null; gifts: string; link: string; label: string };

async function reviewPage(c: AppContext) {
  const t = tr(c);
  const db = c.get('deps').db;
  const proposals = await listProposedMatches(db);
  const lines = await Promise.all(
    proposals.map(async (d) => {
      const summary = async (id: number) => {
        const s = await giftSummaryOfDonor(db, id);
        return t(`${s.count} Spende(n), ${formatEuro(s.succeededCents)} eingegangen${s.lastOn ? `, zuletzt ${formatDate(s.lastOn)}` : ''}`, `${s.count} gift(s), ${formatEuro(s.succeededCents)} received${s.lastOn ? `, last ${formatDate(s.lastOn)}` : ''}`);
      };
      const self: Side = { name: d.name, address: address(d), email: d.email, gifts: await summary(d.id), link: `/donors/${d.id}`, label: t('Neu', 'New') };
      const others: (Side & { into: 'donor' | 'member' })[] = [];
      if (d.proposed_donor_id) {
        const o = await findDonor(db, d.proposed_donor_id);
        if (o) others.push({ into: 'donor', name: o.name, address: address(o), email: o.email, gifts: await summary(o.id), link: `/donors/${o.id}`, label: t('Vorhandener Spender', 'Existing donor') });
      }
      if (d.proposed_member_id) {
        const m = await findMemberBrief(db, d.proposed_member_id);
        if (m) others.push({ into: 'member', name: `${m.first_name} ${m.last_name}`, address: address(m), email: m.email, gifts: t(`Mitglied Nr. ${m.member_number ?? '–'}`, `member no. ${m.member_number ?? '–'}`), link: `/members/${m.id}`, label: t('Mitglied', 'Member') });
      }
      return { donor: d, self, others };
    }),
  );
  return (
    <Layout c={c} title={t('Zusammenführung prüfen', 'Review proposed matches')}>
      <p class="hint">
        {t(
          'Diese Spender kamen mit einer E-Mail-Adresse, die schon ein Spender oder Mitglied hat, aber mit anderem Namen oder anderer Anschrift. Familien teilen sich Adressen und E-Mails: Nichts wird ohne Ihre Entscheidung zusammengeführt.',
          'These donors came with an e-mail address another donor or member already has, but with a different name or address. Families share addresses and e-mails: nothing is merged without your decision.',
        )}
      </p>
      {lines.length === 0 ? (
        <EmptyState>{t('Keine offenen Vorschläge.', 'No open proposals.')}</EmptyState>
      ) : (
        lines.map(({ donor, self, others }) => (
          <section aria-labelledby={`p${donor.id}`}>
            <h2 id={`p${donor.id}`}>{donor.name}</h2>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">
                      <span class="visually-hidden">{t('Datensatz', 'Record')}</span>
                    </th>
                    <th scope="col">{t('Name', 'Name')}</th>
                    <th scope="col">{t('Anschrift', 'Address')}</th>
                    <th scope="col">{t('E-Mail', 'E-mail')}</th>
                    <th scope="col">{t('Spenden', 'Gifts')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[self, ...others].map((s) => (
                    <tr>
                      <th scope="row">{s.label}</th>
                      <td>
                        <a href={s.link}>{s.name}</a>
                      </td>
                      <td>{s.address || '–'}</td>
                      <td>{s.email ?? '–'}</td>
                      <td>{s.gifts}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div class="actions">
              {others.map((o) => (
                <form method="post" action={`/donors/${donor.id}/merge`} class="inline">
                  <Csrf c={c} />
                  <input type="hidden" name="into" value={o.into} />
                  <button type="submit">
                    {o.into === 'donor' ? t(`Ist dieselbe Person: Spenden zu ${o.name} übernehmen`, `Same person: move the gifts to ${o.name}`) : t(`Ist das Mitglied ${o.name}: verknüpfen`, `Is member ${o.name}: link`)}
                  </button>
                </form>
              ))}
              <form method="post" action={`/donors/${donor.id}/keep-apart`} class="inline">
                <Csrf c={c} />
                <button type="submit" class="secondary">
                  {t('Verschiedene Personen: getrennt halten', 'Different people: keep apart')}
                </button>
              </form>
            </div>
          </section>
        ))
      )}
    </Layout>
  );
}
