import type { AppContext } from '../../api/http/context';
import type { AppError } from '../../api/http/errors';
import type { ApplicationRow } from '../../api/grants/queries';
import { boardAmount } from '../../api/grants/grant-board';
import { formatDate } from '../../api/lib/dates';
import { FUNDER_KIND_LABELS, GRANT_STATUS_LABELS } from '../../api/lib/grants';
import { formatEuro } from '../../api/lib/money';
import type { Funder } from '../../db/schema';
import { fieldErrorsOf } from '../forms';
import { say, tr } from '../i18n';
import { Csrf, EmptyState, ErrorSummary, Field, Layout, Select } from '../layout';
import { TextArea, type FormValues } from './fields';

export const funderLabel = (f: { name: string; programme: string | null }) => (f.programme ? `${f.name} – ${f.programme}` : f.name);

export function FundersPage(props: { c: AppContext; funders: (Funder & { application_count: number | null })[] }) {
  const { c } = props;
  const t = tr(c);
  return (
    <Layout c={c} title={t('Fördermittelgeber', 'Funders')}>
      <div class="actions">
        <a class="button" href="/funders/new">
          {t('Fördermittelgeber anlegen', 'Add a funder')}
        </a>
        <a href="/grants">{t('Zu den Förderanträgen', 'To the grant applications')}</a>
      </div>
      {props.funders.length === 0 ? (
        <EmptyState>{t('Noch keine Fördermittelgeber. Legen Sie den ersten an – Stiftung, Programm von Bund, Land, Kommune oder EU.', 'No funders yet. Add the first one – a foundation or a federal, state, municipal or EU programme.')}</EmptyState>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Name', 'Name')}</th>
                <th scope="col">{t('Programm', 'Programme')}</th>
                <th scope="col">{t('Art', 'Kind')}</th>
                <th scope="col">{t('Übliche Fristen', 'Typical deadlines')}</th>
                <th scope="col" class="num">
                  {t('Anträge', 'Applications')}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.funders.map((f) => (
                <tr>
                  <td>
                    <a href={`/funders/${f.id}`}>{f.name}</a>
                  </td>
                  <td>{f.programme ?? '–'}</td>
                  <td>{say(c, FUNDER_KIND_LABELS[f.kind])}</td>
                  <td>{f.typical_deadlines ?? '–'}</td>
                  <td class="num">{Number(f.application_count ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function ApplicationsTable(props: { c: AppContext; rows: ApplicationRow[]; showFunder?: boolean }) {
  const { c } = props;
  const t = tr(c);
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('Antrag', 'Application')}</th>
            {props.showFunder && <th scope="col">{t('Fördermittelgeber', 'Funder')}</th>}
            <th scope="col">{t('Status', 'Status')}</th>
            <th scope="col">{t('Verantwortlich', 'Responsible')}</th>
            <th scope="col" class="num">
              {t('Beantragt', 'Requested')}
            </th>
            <th scope="col" class="num">
              {t('Bewilligt', 'Approved')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((a) => (
            <tr>
              <td>
                <a href={`/grants/${a.id}`}>{a.title}</a>
                {a.project && <div class="hint">{a.project}</div>}
              </td>
              {props.showFunder && <td>{funderLabel({ name: a.funder_name, programme: a.funder_programme })}</td>}
              <td>
                {say(c, GRANT_STATUS_LABELS[a.status])}
                <div class="hint">{t(`seit ${formatDate(a.status_since)}`, `since ${formatDate(a.status_since)}`)}</div>
              </td>
              <td>{a.responsible_name ?? '–'}</td>
              <td class="num">{formatEuro(a.requested_cents)}</td>
              <td class="num">{a.approved_cents === null ? '–' : formatEuro(a.approved_cents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FunderPage(props: { c: AppContext; funder: Funder; applications: ApplicationRow[] }) {
  const { c, funder: f } = props;
  const t = tr(c);
  const sum = props.applications.reduce((s, a) => s + boardAmount(a), 0);
  return (
    <Layout c={c} title={funderLabel(f)}>
      <div class="actions">
        <a class="button" href={`/funders/${f.id}/edit`}>
          {t('Bearbeiten', 'Edit')}
        </a>
        <a class="button" href={`/grants/new?funder=${f.id}`}>
          {t('Antrag bei diesem Fördermittelgeber anlegen', 'New application to this funder')}
        </a>
        <a href="/funders">{t('Alle Fördermittelgeber', 'All funders')}</a>
      </div>
      <dl class="facts">
        <dt>{t('Art', 'Kind')}</dt>
        <dd>{say(c, FUNDER_KIND_LABELS[f.kind])}</dd>
        <dt>{t('Programm', 'Programme')}</dt>
        <dd>{f.programme ?? '–'}</dd>
        <dt>{t('Ansprechperson', 'Contact')}</dt>
        <dd>{[f.contact_name, f.contact_email, f.contact_phone].filter(Boolean).join(' · ') || '–'}</dd>
        <dt>{t('Webseite', 'Web page')}</dt>
        <dd>{f.website ? <a href={f.website} rel="noopener noreferrer">{f.website}</a> : '–'}</dd>
        <dt>{t('Übliche Fristen', 'Typical deadlines')}</dt>
        <dd>{f.typical_deadlines ?? '–'}</dd>
        <dt>{t('Notizen', 'Notes')}</dt>
        <dd>{f.notes ?? '–'}</dd>
      </dl>
      <h2>{t(`Anträge (${props.applications.length})`, `Applications (${props.applications.length})`)}</h2>
      {props.applications.length === 0 ? (
        <EmptyState>{t('Noch keine Anträge bei diesem Fördermittelgeber.', 'No applications to this funder yet.')}</EmptyState>
      ) : (
        <>
          <ApplicationsTable c={c} rows={props.applications} />
          <p>{t(`Zusammen (bewilligt, sonst beantragt): ${formatEuro(sum)}`, `Together (approved, else requested): ${formatEuro(sum)}`)}</p>
        </>
      )}
    </Layout>
  );
}

export function funderFormValues(f: Funder): FormValues {
  return {
    name: f.name,
    kind: f.kind,
    programme: f.programme,
    contact_name: f.contact_name,
    contact_email: f.contact_email,
    contact_phone: f.contact_phone,
    website: f.website,
    typical_deadlines: f.typical_deadlines,
    notes: f.notes,
  };
}

export function FunderFormPage(props: { c: AppContext; title: string; action: string; values: FormValues; error?: AppError; back: string }) {
  const { c, values } = props;
  const t = tr(c);
  const errors = fieldErrorsOf(props.error);
  const v = (k: string) => (values[k] === null || values[k] === undefined ? '' : String(values[k]));
  return (
    <Layout c={c} title={props.title}>
      <ErrorSummary c={c} errors={errors} detail={props.error && !errors.length && props.error.detail ? say(c, props.error.detail) : undefined} />
      <form method="post" action={props.action} novalidate>
        <Csrf c={c} />
        <div class="grid">
          <Field c={c} name="name" label={t('Name', 'Name')} value={v('name')} errors={errors} required autocomplete="off" />
          <Field c={c} name="programme" label={t('Programm', 'Programme')} value={v('programme')} errors={errors} hint={t('z. B. „Demokratie leben!“; leer, wenn es keins gibt', 'e.g. “Demokratie leben!”; empty if there is none')} />
          <Select
            c={c}
            name="kind"
            label={t('Art', 'Kind')}
            value={v('kind') || 'foundation'}
            options={Object.entries(FUNDER_KIND_LABELS).map(([value, m]) => ({ value, label: say(c, m) }))}
            errors={errors}
            required
          />
        </div>
        <div class="grid">
          <Field c={c} name="contact_name" label={t('Ansprechperson', 'Contact person')} value={v('contact_name')} errors={errors} />
          <Field c={c} name="contact_email" type="email" label={t('E-Mail', 'E-mail')} value={v('contact_email')} errors={errors} />
          <Field c={c} name="contact_phone" type="tel" label={t('Telefon', 'Phone')} value={v('contact_phone')} errors={errors} />
        </div>
        <Field c={c} name="website" type="url" label={t('Webseite', 'Web page')} value={v('website')} errors={errors} hint="https://…" />
        <Field c={c} name="typical_deadlines" label={t('Übliche Fristen', 'Typical deadlines')} value={v('typical_deadlines')} errors={errors} hint={t('z. B. „31.03. und 30.09. jedes Jahres“', 'e.g. “31 March and 30 September each year”')} />
        <TextArea c={c} name="notes" label={t('Notizen', 'Notes')} value={v('notes')} errors={errors} />
        <button type="submit">{t('Speichern', 'Save')}</button> <a href={props.back}>{t('Abbrechen', 'Cancel')}</a>
      </form>
    </Layout>
  );
}
