import { Hono } from 'hono';
import { acceptApplication } from '../../api/members/accept-application';
import { declineApplication } from '../../api/members/decline-application';
import { listMembershipTypes, listOpenApplications } from '../../api/members/queries';
import { acceptApplicationSchema, declineApplicationSchema } from '../../api/members/schemas';
import { inTransaction } from '../../api/deps';
import { kickOutbox } from '../../api/jobs/deliver-outbox';
import { actorOf, type AppContext, type AppEnv } from '../../api/http/context';
import { AppError, msg, type FieldError } from '../../api/http/errors';
import { parseOrThrow } from '../../api/http/validate';
import { berlinToday, formatDate, formatDateTime } from '../../api/lib/dates';
import { maskIban } from '../../api/lib/iban';
import { formatEuro } from '../../api/lib/money';
import { setFlash } from '../flash';
import { attempt, readForm } from '../forms';
import { INTERVAL_LABELS, MEMBER_LANGUAGE_LABELS, PAYMENT_METHOD_LABELS, say, tr } from '../i18n';
import { Checkbox, Csrf, EmptyState, ErrorSummary, Field, Layout, Select } from '../layout';

function applicationId(c: AppContext) {
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found');
  return id;
}

/**
 * The treasurer's list of online applications: each with what the applicant gave, members
 * already known under the same e-mail address (a second application, a family), and the two
 * decisions — accept (join date, type and reduced fee can be set here) or decline.
 */
async function applicationsPage(c: AppContext, failed?: { id: number; errors: FieldError[]; detail?: string }) {
  const t = tr(c);
  const deps = c.get('deps');
  const [applications, types] = await Promise.all([listOpenApplications(deps.db), listMembershipTypes(deps.db)]);
  const today = berlinToday(deps.clock.now());
  return (
    <Layout c={c} title={t('Mitgliedsanträge', 'Membership applications')}>
      <p>
        {t('Anträge kommen über das öffentliche Formular', 'Applications come in through the public form')} <a href="/apply">/apply</a>
        {t(' (auf Deutsch, Englisch, Arabisch und Türkisch; zum Verlinken auf der Website des Vereins).', ' (German, English, Arabic and Turkish; link it from the association’s website).')}
      </p>
      {failed && !applications.some((a) => a.id === failed.id) && <ErrorSummary c={c} errors={[]} detail={failed.detail} />}
      {applications.length === 0 ? (
        <EmptyState>{t('Keine offenen Anträge.', 'No open applications.')}</EmptyState>
      ) : (
        applications.map((a) => {
          const errors = failed?.id === a.id ? failed.errors : [];
          const fee = a.reduced_fee && a.reduced_fee_cents !== null ? a.reduced_fee_cents : a.fee_cents;
          return (
            <section aria-labelledby={`app-${a.id}`} class="card">
              <h2 id={`app-${a.id}`}>
                {a.first_name} {a.last_name}
              </h2>
              {failed?.id === a.id && <ErrorSummary c={c} errors={errors} detail={failed.detail} />}
              <dl class="facts">
                <dt>{t('Eingegangen', 'Received')}</dt>
                <dd>{formatDateTime(a.submitted_at, c.get('lang'))}</dd>
                <dt>{t('Anschrift', 'Address')}</dt>
                <dd>
                  {a.street}, {a.postal_code} {a.city}
                </dd>
                <dt>{t('E-Mail', 'E-mail')}</dt>
                <dd>{a.email}</dd>
                {a.birth_date && (
                  <>
                    <dt>{t('Geburtsdatum', 'Date of birth')}</dt>
                    <dd>{formatDate(a.birth_date)}</dd>
                  </>
                )}
                <dt>{t('Sprache', 'Language')}</dt>
                <dd>{MEMBER_LANGUAGE_LABELS[a.language]}</dd>
                <dt>{t('Mitgliedschaft', 'Membership')}</dt>
                <dd>
                  {a.type_name}: {formatEuro(fee)} {say(c, INTERVAL_LABELS[a.interval]!)}
                  {a.reduced_fee ? ` – ${t('ermäßigter Beitrag beantragt', 'reduced fee asked for')}` : ''}
                </dd>
                <dt>{t('Zahlung', 'Payment')}</dt>
                <dd>
                  {say(c, PAYMENT_METHOD_LABELS[a.payment_method]!)}
                  {a.iban && ` – ${t('Mandat online erteilt', 'mandate given online')}: ${a.account_holder}, ${maskIban(a.iban)}`}
                </dd>
                {a.same_email && (
                  <>
                    <dt>{t('Gleiche E-Mail', 'Same e-mail')}</dt>
                    <dd>
                      <strong>{a.same_email}</strong>
                    </dd>
                  </>
                )}
              </dl>
              <div class="grid">
                <form method="post" action={`/members/applications/${a.id}/accept`}>
                  <Csrf c={c} />
                  <Field c={c} idPrefix={`a${a.id}-`} name="join_date" type="date" label={t('Eintritt am', 'Joins on')} value={today} errors={errors} required />
                  <Select
                    c={c}
                    idPrefix={`a${a.id}-`}
                    name="membership_type_id"
                    label={t('Beitragsart', 'Membership type')}
                    value={a.membership_type_id}
                    options={types.map((ty) => ({ value: ty.id, label: `${ty.name} (${formatEuro(ty.fee_cents)} ${say(c, INTERVAL_LABELS[ty.interval]!)})` }))}
                    errors={errors}
                  />
                  <input type="hidden" name="reduced_fee" value="off" />
                  <Checkbox c={c} idPrefix={`a${a.id}-`} name="reduced_fee" label={t('ermäßigter Beitrag', 'reduced fee')} checked={a.reduced_fee} errors={errors} />
                  <button type="submit">{t('Aufnehmen', 'Accept')}</button>
                </form>
                <form method="post" action={`/members/applications/${a.id}/decline`}>
                  <Csrf c={c} />
                  <div class="field">
                    <label for={`a${a.id}-message`}>{t('Ablehnen – Nachricht an die Person (freiwillig)', 'Decline – message to the person (optional)')}</label>
                    <small class="hint" id={`a${a.id}-message-hint`}>
                      {t('Die Angaben aus dem Antrag werden beim Ablehnen gelöscht.', 'Declining deletes the data of the application.')}
                    </small>
                    <textarea id={`a${a.id}-message`} name="message" rows={3} maxlength={1000} aria-describedby={`a${a.id}-message-hint`}></textarea>
                  </div>
                  <button type="submit" class="danger">
                    {t('Ablehnen', 'Decline')}
                  </button>
                </form>
              </div>
            </section>
          );
        })
      )}
    </Layout>
  );
}

export function webApplicationRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/members/applications', async (c) => c.html(await applicationsPage(c)));

  app.post('/members/applications/:id/accept', async (c) => {
    const deps = c.get('deps');
    const id = applicationId(c);
    const form = await readForm(c);
    const result = await attempt(() => {
      const input = parseOrThrow(acceptApplicationSchema, form);
      return inTransaction(deps.db, (trx) => acceptApplication(trx, { applicationId: id, ...input, actor: actorOf(c) }, deps));
    });
    if (!result.ok) {
      return c.html(await applicationsPage(c, { id, errors: result.error.fieldErrors, detail: result.error.detail && say(c, result.error.detail) }), result.error.status as 422);
    }
    kickOutbox(deps);
    const { member, firstDate } = result.value;
    setFlash(
      c,
      'success',
      msg(
        `${member.first_name} ${member.last_name} ist aufgenommen: Mitgliedsnummer ${member.member_number}${firstDate ? `, erster Beitrag ${formatDate(firstDate)}` : ''}. Die Willkommensmail ist im Postausgang.`,
        `${member.first_name} ${member.last_name} is accepted: member number ${member.member_number}${firstDate ? `, first fee ${formatDate(firstDate)}` : ''}. The welcome mail is in the outbox.`,
      ),
    );
    return c.redirect(`/members/${member.id}`, 303);
  });

  app.post('/members/applications/:id/decline', async (c) => {
    const deps = c.get('deps');
    const id = applicationId(c);
    const form = await readForm(c);
    const result = await attempt(() => {
      const input = parseOrThrow(declineApplicationSchema, form);
      return inTransaction(deps.db, (trx) => declineApplication(trx, { applicationId: id, message: input.message, actor: actorOf(c) }, deps));
    });
    if (!result.ok) {
      return c.html(await applicationsPage(c, { id, errors: result.error.fieldErrors, detail: result.error.detail && say(c, result.error.detail) }), result.error.status as 422);
    }
    kickOutbox(deps);
    setFlash(c, 'success', msg('Der Antrag ist abgelehnt, die Person benachrichtigt und ihre Angaben gelöscht.', 'The application is declined, the person told and their data deleted.'));
    return c.redirect('/members/applications', 303);
  });

  return app;
}
