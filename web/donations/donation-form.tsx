import type { AppContext } from '../../api/http/context';
import type { FieldError } from '../../api/http/errors';
import type { DonationPurpose } from '../../db/schema';
import { MEMBER_LANGUAGE_LABELS, say, tr } from '../i18n';
import { Checkbox, Csrf, Field, Select } from '../layout';
import { DONATION_METHOD_LABELS, IN_KIND_ORIGIN_LABELS } from './labels';

export type FormValues = Record<string, any>;
type DonorChoice = { id: number; name: string; email: string | null; city: string | null };

function TextArea(props: { c: AppContext; name: string; label: string; value?: string | null; errors: FieldError[]; hint?: string; required?: boolean }) {
  const id = `f-${props.name.replace(/\./g, '-')}`;
  const error = props.errors.find((e) => e.field === props.name);
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {props.hint && (
        <small id={`${id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} class="error">
          {say(props.c, error.message)}
        </small>
      )}
      <textarea id={id} name={props.name} rows={3} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

function purposeOptions(purposes: DonationPurpose[], current: unknown) {
  return purposes.filter((p) => p.active || String(p.id) === String(current ?? '')).map((p) => ({ value: p.id, label: p.active ? p.name_de : `${p.name_de} (geschlossen)` }));
}

/** The donor part of a gift form: an existing donor from the search, a new one, or anonymous. */
function DonorChoiceFields(props: { c: AppContext; values: FormValues; errors: FieldError[]; donors: DonorChoice[]; allowNew: boolean }) {
  const { c, values, errors } = props;
  const t = tr(c);
  const kind = values.donor_kind ?? (values.donor_id ? 'existing' : props.allowNew ? 'new' : 'anonymous');
  const donor = (values.donor ?? {}) as Record<string, string>;
  const options = props.donors.map((d) => ({ value: d.id, label: `${d.name}${d.email ? ` <${d.email}>` : ''}${d.city ? `, ${d.city}` : ''} (Nr. ${d.id})` }));
  const kindError = errors.find((e) => e.field === 'donor_kind');
  return (
    <fieldset>
      <legend>{t('Spender', 'Donor')}</legend>
      {kindError && <p class="error">{say(c, kindError.message)}</p>}
      <div class="field" role="radiogroup" aria-label={t('Wer hat gespendet?', 'Who gave?')}>
        <label>
          <input type="radio" id="f-donor_kind" name="donor_kind" value="existing" checked={kind === 'existing'} /> {t('vorhandener Spender', 'existing donor')}
        </label>
        {props.allowNew && (
          <label>
            <input type="radio" name="donor_kind" value="new" checked={kind === 'new'} /> {t('neuer Spender', 'new donor')}
          </label>
        )}
        <label>
          <input type="radio" name="donor_kind" value="anonymous" checked={kind === 'anonymous'} /> {t('anonym (keine Zuwendungsbestätigung)', 'anonymous (no receipt)')}
        </label>
      </div>
      <Select
        c={c}
        name="donor_id"
        label={t('Vorhandener Spender', 'Existing donor')}
        value={values.donor_id}
        options={options}
        errors={errors}
        blank={t('– bitte wählen –', '– please choose –')}
        hint={t('Oben suchen, um andere Spender zur Auswahl zu bekommen.', 'Search above to get other donors to choose from.')}
      />
      {props.allowNew && (
        <details open={kind === 'new'}>
          <summary>{t('Neuer Spender: Name und Anschrift', 'New donor: name and address')}</summary>
          <div class="grid">
            <Field c={c} name="donor.name" label={t('Name', 'Name')} value={donor.name} errors={errors} hint={t('wie auf der Zuwendungsbestätigung', 'as on the receipt')} />
            <Field c={c} name="donor.street" label={t('Straße und Hausnummer', 'Street and number')} value={donor.street} errors={errors} />
            <Field c={c} name="donor.postal_code" label={t('PLZ', 'Postal code')} value={donor.postal_code} errors={errors} />
            <Field c={c} name="donor.city" label={t('Ort', 'City')} value={donor.city} errors={errors} />
            <Field c={c} name="donor.country" label={t('Land', 'Country')} value={donor.country ?? 'DE'} errors={errors} />
            <Field c={c} name="donor.email" label={t('E-Mail (freiwillig)', 'E-mail (optional)')} type="email" value={donor.email} errors={errors} />
            <Select c={c} name="donor.language" label={t('Sprache', 'Language')} value={donor.language ?? 'de'} options={Object.entries(MEMBER_LANGUAGE_LABELS).map(([value, label]) => ({ value, label }))} errors={errors} />
          </div>
        </details>
      )}
    </fieldset>
  );
}

/**
 * The offline gift form (new and correction). `fields` limits what can be edited: an online
 * gift shows only purpose, note, donor and receipt; a gift on a valid receipt only purpose,
 * receipt wanted and note; a refunded one only the note.
 */
export function DonationForm(props: {
  c: AppContext;
  action: string;
  values: FormValues;
  errors: FieldError[];
  purposes: DonationPurpose[];
  donors: DonorChoice[];
  fields: 'new' | 'offline' | 'online' | 'receipted' | 'note';
  submit: string;
}) {
  const { c, values, errors, fields } = props;
  const t = tr(c);
  const full = fields === 'new' || fields === 'offline';
  const methods = ['transfer', 'cash', 'in_kind'].map((m) => ({ value: m, label: say(c, DONATION_METHOD_LABELS[m]!) }));
  return (
    <form method="post" action={props.action} novalidate>
      <Csrf c={c} />
      {fields !== 'note' && fields !== 'receipted' && <DonorChoiceFields c={c} values={values} errors={errors} donors={props.donors} allowNew={fields === 'new'} />}
      {fields !== 'note' && (
        <fieldset>
          <legend>{t('Spende', 'Gift')}</legend>
          <div class="grid">
            {full && <Field c={c} name="donated_on" type="date" label={t('Tag der Zuwendung', 'Date of the gift')} value={values.donated_on} errors={errors} required />}
            {full && <Field c={c} name="amount_cents" label={t('Betrag bzw. Wert (€)', 'Amount or value (€)')} value={values.amount_cents} errors={errors} required inputmode="decimal" hint="50,00" />}
            {full && <Select c={c} name="method" label={t('Art', 'Method')} value={values.method ?? 'transfer'} options={methods} errors={errors} required />}
            <Select c={c} name="purpose_id" label={t('Zweck', 'Purpose')} value={values.purpose_id} options={purposeOptions(props.purposes, values.purpose_id)} errors={errors} blank={t('wo am nötigsten', 'where most needed')} />
          </div>
          <Checkbox c={c} name="receipt_wanted" label={t('Zuwendungsbestätigung gewünscht', 'Receipt wanted')} checked={values.receipt_wanted === true || values.receipt_wanted === 'on'} errors={errors} />
        </fieldset>
      )}
      {full && (
        <fieldset>
          <legend>{t('Aufwandsspende (Verzicht auf Erstattung von Aufwendungen)', 'Waived reimbursement (Aufwandsspende)')}</legend>
          <p class="hint">
            {t(
              'Nur für einen vorher wirksam vereinbarten Erstattungsanspruch (Satzung, Vertrag oder Vorstandsbeschluss), auf den verzichtet wird; nur bei Überweisung oder bar.',
              'Only for a reimbursement claim agreed beforehand (statutes, contract or board resolution) that is waived; only with transfer or cash.',
            )}
          </p>
          <Checkbox c={c} name="waiver" label={t('Es handelt sich um den Verzicht auf Erstattung von Aufwendungen', 'This is a waived reimbursement of expenses')} checked={values.waiver === true || values.waiver === 'on'} errors={errors} />
          <TextArea c={c} name="waived_claim" label={t('Auf welchen Anspruch wird verzichtet?', 'Which claim is waived?')} value={values.waived_claim} errors={errors} hint={t('z. B. Fahrtkosten Beratungstermine März 2026, 412 km', 'e.g. travel costs of counselling in March 2026, 412 km')} />
          <div class="grid">
            <Field c={c} name="waiver_agreed_on" type="date" label={t('Anspruch vereinbart am', 'Claim agreed on')} value={values.waiver_agreed_on} errors={errors} />
            <Field c={c} name="waiver_basis" label={t('Grundlage des Betrags', 'Basis of the amount')} value={values.waiver_basis} errors={errors} hint={t('z. B. 0,30 €/km laut Vorstandsbeschluss vom …', 'e.g. 0.30 €/km by board resolution of …')} />
          </div>
        </fieldset>
      )}
      {full && (
        <fieldset>
          <legend>{t('Sachspende (Sachzuwendung)', 'Gift in kind')}</legend>
          <TextArea c={c} name="in_kind_description" label={t('Genaue Bezeichnung mit Alter, Zustand, Kaufpreis', 'Exact description with age, condition, purchase price')} value={values.in_kind_description} errors={errors} />
          <div class="grid">
            <Select
              c={c}
              name="in_kind_origin"
              label={t('Herkunft nach Angaben des Spenders', 'Origin as the donor states')}
              value={values.in_kind_origin}
              options={Object.entries(IN_KIND_ORIGIN_LABELS).map(([value, m]) => ({ value, label: say(c, m) }))}
              errors={errors}
              blank="–"
            />
            <Field c={c} name="in_kind_value_basis" label={t('Wie wurde der Wert ermittelt?', 'How was the value found?')} value={values.in_kind_value_basis} errors={errors} hint={t('z. B. Rechnung, Gutachten, Marktpreis gebraucht', 'e.g. invoice, appraisal, second-hand market price')} />
            <Select
              c={c}
              name="in_kind_documents"
              label={t('Unterlagen zur Wertermittlung liegen vor', 'Valuation documents exist')}
              value={values.in_kind_documents === true ? 'yes' : values.in_kind_documents === false ? 'no' : values.in_kind_documents}
              options={[
                { value: 'yes', label: t('ja', 'yes') },
                { value: 'no', label: t('nein', 'no') },
              ]}
              errors={errors}
              blank="–"
            />
          </div>
        </fieldset>
      )}
      <TextArea c={c} name="note" label={t('Notiz (intern)', 'Note (internal)')} value={values.note} errors={errors} />
      <button type="submit">{props.submit}</button>
    </form>
  );
}
