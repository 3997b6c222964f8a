import type { AppContext } from '../../api/http/context';
import type { AppError } from '../../api/http/errors';
import { formatAmount } from '../../api/lib/money';
import type { GrantApplication } from '../../db/schema';
import { fieldErrorsOf } from '../forms';
import { ROLE_LABELS, say, tr } from '../i18n';
import { Csrf, ErrorSummary, Field, Layout, Select } from '../layout';
import { TextArea, type FormValues } from './fields';
import { funderLabel } from './funders';

export interface ApplicationFormChoices {
  funders: { id: number; name: string; programme: string | null }[];
  people: { id: number; name: string; role: keyof typeof ROLE_LABELS; status: string }[];
}

export function applicationFormValues(a: GrantApplication): FormValues {
  const amount = (c: number | null) => (c === null ? '' : formatAmount(c));
  return {
    title: a.title,
    project: a.project,
    funder_id: a.funder_id,
    responsible_user_id: a.responsible_user_id,
    requested_cents: amount(a.requested_cents),
    approved_cents: amount(a.approved_cents),
    own_contribution_cents: amount(a.own_contribution_cents),
    period_from: a.period_from,
    period_to: a.period_to,
    conditions: a.conditions,
    notes: a.notes,
  };
}

/** New and edit form of an application. Amounts are typed as in Germany: 12.345,67. */
export function ApplicationFormPage(props: { c: AppContext; title: string; action: string; values: FormValues; choices: ApplicationFormChoices; error?: AppError; back: string }) {
  const { c, values, choices } = props;
  const t = tr(c);
  const errors = fieldErrorsOf(props.error);
  const v = (k: string) => (values[k] === null || values[k] === undefined ? '' : String(values[k]));
  const amountHint = t('in Euro, z. B. 12.345,67', 'in euros, e.g. 12.345,67');
  return (
    <Layout c={c} title={props.title}>
      <ErrorSummary c={c} errors={errors} detail={props.error && !errors.length && props.error.detail ? say(c, props.error.detail) : undefined} />
      {choices.funders.length === 0 && (
        <p class="flash info">
          {t('Zuerst einen Fördermittelgeber anlegen: ', 'First add a funder: ')}
          <a href="/funders/new">{t('Fördermittelgeber anlegen', 'Add a funder')}</a>
        </p>
      )}
      <form method="post" action={props.action} novalidate>
        <Csrf c={c} />
        <fieldset>
          <legend>{t('Antrag', 'Application')}</legend>
          <div class="grid">
            <Field c={c} name="title" label={t('Titel', 'Title')} value={v('title')} errors={errors} required autocomplete="off" />
            <Field c={c} name="project" label={t('Projekt', 'Project')} value={v('project')} errors={errors} />
          </div>
          <div class="grid">
            <Select
              c={c}
              name="funder_id"
              label={t('Fördermittelgeber', 'Funder')}
              value={v('funder_id')}
              options={choices.funders.map((f) => ({ value: f.id, label: funderLabel(f) }))}
              blank={t('– bitte wählen –', '– please choose –')}
              errors={errors}
              required
            />
            <Select
              c={c}
              name="responsible_user_id"
              label={t('Verantwortlich', 'Responsible person')}
              value={v('responsible_user_id')}
              options={choices.people.map((p) => ({ value: p.id, label: `${p.name} (${say(c, ROLE_LABELS[p.role])}${p.status !== 'active' ? `, ${t('inaktiv', 'inactive')}` : ''})` }))}
              blank={t('– niemand –', '– nobody –')}
              errors={errors}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('Beträge', 'Amounts')}</legend>
          <div class="grid">
            <Field c={c} name="requested_cents" label={t('Beantragt', 'Requested')} value={v('requested_cents')} errors={errors} required inputmode="decimal" hint={amountHint} />
            <Field c={c} name="approved_cents" label={t('Bewilligt', 'Approved')} value={v('approved_cents')} errors={errors} inputmode="decimal" hint={t('laut Bewilligungsbescheid; leer, solange offen', 'as in the approval notice; empty while open')} />
            <Field c={c} name="own_contribution_cents" label={t('Eigenanteil', 'Own contribution')} value={v('own_contribution_cents')} errors={errors} inputmode="decimal" hint={amountHint} />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('Projektzeitraum und Auflagen', 'Project period and conditions')}</legend>
          <div class="grid">
            <Field c={c} name="period_from" type="date" label={t('Projektbeginn', 'Project start')} value={v('period_from')} errors={errors} />
            <Field c={c} name="period_to" type="date" label={t('Projektende', 'Project end')} value={v('period_to')} errors={errors} />
          </div>
          <TextArea c={c} name="conditions" label={t('Auflagen aus dem Bewilligungsbescheid', 'Conditions of the approval notice')} value={v('conditions')} errors={errors} rows={4} />
          <TextArea c={c} name="notes" label={t('Notizen', 'Notes')} value={v('notes')} errors={errors} />
        </fieldset>
        <button type="submit">{t('Speichern', 'Save')}</button> <a href={props.back}>{t('Abbrechen', 'Cancel')}</a>
      </form>
    </Layout>
  );
}
