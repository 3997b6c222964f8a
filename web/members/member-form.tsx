import type { AppContext } from '../../api/http/context';
import type { FieldError } from '../../api/http/errors';
import type { MembershipType } from '../../db/schema';
import { formatEuro } from '../../api/lib/money';
import { INTERVAL_LABELS, MEMBER_LANGUAGE_LABELS, MEMBER_STATUS_LABELS, PAYMENT_METHOD_LABELS, say, tr } from '../i18n';
import { Checkbox, Csrf, Field, Select } from '../layout';

export type MemberFormValues = Record<string, any>;

export function typeLabel(c: AppContext, t: Pick<MembershipType, 'name' | 'fee_cents' | 'reduced_fee_cents' | 'interval'>) {
  const fee = `${formatEuro(t.fee_cents)} ${say(c, INTERVAL_LABELS[t.interval]!)}`;
  return t.reduced_fee_cents !== null ? `${t.name} (${fee}, ${tr(c)('ermäßigt', 'reduced')} ${formatEuro(t.reduced_fee_cents)})` : `${t.name} (${fee})`;
}

/** The member record form, for new members and edits. Payers are given by member number. */
export function MemberForm(props: { c: AppContext; action: string; values: MemberFormValues; errors: FieldError[]; types: MembershipType[]; submit: string }) {
  const { c, values, errors } = props;
  const t = tr(c);
  const f = (name: string, label: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field c={c} name={name} label={label} value={values[name]} errors={errors} {...extra} />
  );
  const options = (labels: Record<string, { de: string; en: string }>) => Object.entries(labels).map(([value, m]) => ({ value, label: say(c, m) }));
  return (
    <form method="post" action={props.action} novalidate>
      <Csrf c={c} />
      <fieldset>
        <legend>{t('Person', 'Person')}</legend>
        <div class="grid">
          {f('first_name', t('Vorname', 'First name'), { required: true, autocomplete: 'off' })}
          {f('last_name', t('Nachname', 'Last name'), { required: true, autocomplete: 'off' })}
          {f('birth_date', t('Geburtsdatum (freiwillig)', 'Birth date (optional)'), { type: 'date' })}
          <Select c={c} name="language" label={t('Sprache für Mails', 'Language for mails')} value={values.language ?? 'de'} options={Object.entries(MEMBER_LANGUAGE_LABELS).map(([value, label]) => ({ value, label }))} errors={errors} />
        </div>
        <div class="grid">
          {f('street', t('Straße und Hausnummer', 'Street and number'))}
          {f('postal_code', t('PLZ', 'Postal code'), { inputmode: 'numeric' })}
          {f('city', t('Ort', 'City'))}
          {f('country', t('Land (zwei Buchstaben)', 'Country (two letters)'), { value: values.country ?? 'DE' })}
        </div>
        <div class="grid">
          {f('email', t('E-Mail-Adresse', 'E-mail address'), { type: 'email' })}
          {f('phone', t('Telefon', 'Phone'), { type: 'tel' })}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('Mitgliedschaft', 'Membership')}</legend>
        <div class="grid">
          <Select c={c} name="status" label={t('Status', 'Status')} value={values.status ?? 'active'} options={options(MEMBER_STATUS_LABELS)} errors={errors} required />
          {f('join_date', t('Eintritt', 'Joined'), { type: 'date' })}
          {f('exit_date', t('Austritt', 'Left'), { type: 'date' })}
        </div>
        <div class="grid">
          <Select
            c={c}
            name="membership_type_id"
            label={t('Beitragsart', 'Membership type')}
            value={values.membership_type_id}
            options={props.types.filter((ty) => ty.active || String(ty.id) === String(values.membership_type_id)).map((ty) => ({ value: ty.id, label: typeLabel(c, ty) }))}
            errors={errors}
            required
            blank={t('– bitte wählen –', '– please choose –')}
          />
          <Select c={c} name="payment_method" label={t('Zahlungsweise', 'Payment method')} value={values.payment_method ?? 'sepa_debit'} options={options(PAYMENT_METHOD_LABELS)} errors={errors} required />
        </div>
        <Checkbox c={c} name="reduced_fee" label={t('Ermäßigter Beitrag', 'Reduced fee')} checked={values.reduced_fee === true || values.reduced_fee === 'on'} errors={errors} />
        {f('payer_member_number', t('Bezahlt von Mitglied Nr. (Familie)', 'Paid by member no. (family)'), {
          inputmode: 'numeric',
          hint: t('Leer lassen, wenn das Mitglied selbst zahlt', 'Leave empty if the member pays themselves'),
        })}
      </fieldset>
      <fieldset>
        <legend>{t('Einwilligungen und Notizen', 'Consents and notes')}</legend>
        <div class="grid">
          {f('consent_newsletter_on', t('Newsletter: eingewilligt am', 'Newsletter: consented on'), { type: 'date' })}
          {f('consent_photos_on', t('Fotos: eingewilligt am', 'Photos: consented on'), { type: 'date' })}
        </div>
        <div class="field">
          <label for="f-notes">{t('Notizen (nur Kassenwart/in und Admin)', 'Notes (treasurer and admin only)')}</label>
          <small class="hint" id="f-notes-hint">
            {t('Nur, was die Vereinsarbeit braucht. Keine Angaben zu Aufenthaltsstatus, Herkunft oder Religion.', 'Only what the association’s work needs. Nothing about residence status, origin or religion.')}
          </small>
          <textarea id="f-notes" name="notes" rows={3} aria-describedby="f-notes-hint">
            {values.notes ?? ''}
          </textarea>
        </div>
      </fieldset>
      <button type="submit">{props.submit}</button>
    </form>
  );
}
