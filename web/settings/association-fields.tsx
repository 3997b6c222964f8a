import type { AppContext } from '../../api/http/context';
import type { FieldError } from '../../api/http/errors';
import { formatIban } from '../../api/lib/iban';
import { formatAmount } from '../../api/lib/money';
import { Checkbox, Field, Select } from '../layout';
import { tr } from '../i18n';

export type AssociationFormValues = Record<string, any>;
const PURPOSE_ROWS = 3;

/** The master-data fields, shared by the setup page and Settings. */
export function AssociationFields(props: { c: AppContext; prefix: string; values: AssociationFormValues; errors: FieldError[] }) {
  const { c, prefix, values, errors } = props;
  const t = tr(c);
  const f = (name: string, label: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field c={c} name={`${prefix}${name}`} label={label} value={values[name]} errors={errors} {...extra} />
  );
  const purposes: { genitive?: string; accusative?: string }[] = Array.isArray(values.purposes) ? values.purposes : [];
  const kind = values.notice_kind ?? 'freistellungsbescheid';
  const kindError = errors.find((e) => e.field === `${prefix}notice_kind`);
  return (
    <>
      <fieldset>
        <legend>{t('Verein', 'Association')}</legend>
        {f('name', t('Name des Vereins', 'Name of the association'), { required: true, hint: t('Wie im Vereinsregister, z. B. „Laissez-passer e.V.“', 'As registered, e.g. “Laissez-passer e.V.”') })}
        <div class="grid">
          {f('street', t('Straße und Hausnummer', 'Street and number'), { required: true, autocomplete: 'street-address' })}
          {f('postal_code', t('PLZ', 'Postal code'), { required: true, inputmode: 'numeric', autocomplete: 'postal-code' })}
          {f('city', t('Ort', 'City'), { required: true, autocomplete: 'address-level2' })}
        </div>
        {f('signature_place', t('Ort für Unterschriften', 'Place for signatures'), { required: true, hint: t('Steht auf Bestätigungen vor dem Datum', 'Printed before the date on receipts') })}
      </fieldset>
      <fieldset>
        <legend>{t('Steuerbegünstigung', 'Tax exemption')}</legend>
        <div class="grid">
          {f('finanzamt', t('Finanzamt', 'Tax office'), { required: true })}
          {f('steuernummer', t('Steuernummer', 'Tax number'), { required: true, hint: t('z. B. 27/663/12345', 'e.g. 27/663/12345') })}
        </div>
        <fieldset>
          <legend>{t('Art des Bescheids', 'Kind of notice')}</legend>
          {kindError && <small class="error">{kindError.message[c.get('lang')]}</small>}
          <label>
            <input type="radio" name={`${prefix}notice_kind`} value="freistellungsbescheid" checked={kind === 'freistellungsbescheid'} />{' '}
            {t('Freistellungsbescheid (oder Anlage zum Körperschaftsteuerbescheid)', 'Freistellungsbescheid (exemption notice)')}
          </label>
          <br />
          <label>
            <input type="radio" name={`${prefix}notice_kind`} value="feststellung_60a" checked={kind === 'feststellung_60a'} />{' '}
            {t('Feststellung der satzungsmäßigen Voraussetzungen nach § 60a AO (neue Vereine)', 'Feststellung under § 60a AO (new associations)')}
          </label>
        </fieldset>
        <div class="grid">
          {f('notice_date', t('Datum des Bescheids', 'Date of the notice'), { type: 'date', required: true })}
          {f('notice_year_from', t('Veranlagungszeitraum von (Jahr)', 'Assessment period from (year)'), {
            type: 'number',
            hint: t('Nur beim Freistellungsbescheid', 'Freistellungsbescheid only'),
          })}
          {f('notice_year_to', t('bis (Jahr)', 'to (year)'), { type: 'number', hint: t('Leer = nur ein Jahr', 'Empty = one year only') })}
        </div>
        <p class="hint">
          {t(
            'Steuerbegünstigte Zwecke wie in Satzung und Bescheid – in zwei Formen, weil die Bestätigung sie in zwei Sätzen braucht: „wegen Förderung …“ (Genitiv) und „Wir fördern nach unserer Satzung …“ (Akkusativ).',
            'Tax-privileged purposes as in the statutes and the notice – in two grammatical forms, because the receipt uses both: genitive (“wegen Förderung …”) and accusative (“Wir fördern …”).',
          )}
        </p>
        {Array.from({ length: Math.max(PURPOSE_ROWS, purposes.length) }, (_, i) => (
          <div class="grid">
            <Field c={c} name={`${prefix}purposes.${i}.genitive`} label={t(`Zweck ${i + 1}, Genitiv`, `Purpose ${i + 1}, genitive`)} value={purposes[i]?.genitive} errors={errors} hint={i === 0 ? 'der Hilfe für Flüchtlinge' : undefined} required={i === 0} />
            <Field c={c} name={`${prefix}purposes.${i}.accusative`} label={t(`Zweck ${i + 1}, Akkusativ`, `Purpose ${i + 1}, accusative`)} value={purposes[i]?.accusative} errors={errors} hint={i === 0 ? 'die Hilfe für Flüchtlinge' : undefined} required={i === 0} />
          </div>
        ))}
        {errors.filter((e) => e.field === `${prefix}purposes`).map((e) => (
          <p class="error">{e.message[c.get('lang')]}</p>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('Zuwendungsbestätigungen', 'Donation receipts')}</legend>
        <input type="hidden" name={`${prefix}member_dues_deductible`} value="off" />
        <Checkbox
          c={c}
          name={`${prefix}member_dues_deductible`}
          label={t('Mitgliedsbeiträge sind steuerlich abziehbar', 'Membership fees are tax-deductible')}
          checked={values.member_dues_deductible === undefined || values.member_dues_deductible === true || values.member_dues_deductible === 'on'}
          errors={errors}
        />
        <p class="hint">
          {t(
            'Nicht ankreuzen, wenn der Verein auch Sport, Freizeitkultur, Heimatpflege oder Zwecke nach § 52 Abs. 2 Satz 1 Nr. 23 AO fördert: dann sind Beiträge nach § 10b Abs. 1 Satz 8 EStG nicht abziehbar, es gibt für sie keine Bestätigung, und Spendenbestätigungen bestätigen, dass es kein Mitgliedsbeitrag ist.',
            'Leave unticked if the association also promotes sport, leisure culture, local heritage or purposes under § 52 (2) sentence 1 no. 23 AO: then fees are not deductible (§ 10b (1) sentence 8 EStG), get no receipt, and donation receipts confirm that the gift is not a membership fee.',
          )}
        </p>
        {f('machine_procedure_notified_on', t('Maschinelles Verfahren dem Finanzamt angezeigt am', 'Machine procedure reported to the tax office on'), {
          type: 'date',
          hint: t(
            'Leer lassen, solange nicht angezeigt. Mit Datum tragen Bestätigungen über Geldzuwendungen ohne Verzicht statt der Unterschrift den Hinweis auf die Anzeige und gehen per E-Mail und in die Portale (R 10b.1 Abs. 4 EStR); Sachzuwendungen und Aufwandsspenden werden weiter von Hand unterschrieben.',
            'Leave empty while not reported. With a date, receipts for money gifts without a waiver carry the note about the report instead of a signature and go out by e-mail and in the portals (R 10b.1 (4) EStR); gifts in kind and waived reimbursements are still signed by hand.',
          ),
        })}
        <input type="hidden" name={`${prefix}simplified_proof`} value="off" />
        <Checkbox
          c={c}
          name={`${prefix}simplified_proof`}
          label={t('Vereinfachter Zuwendungsnachweis', 'Simplified proof of donation')}
          checked={values.simplified_proof === true || values.simplified_proof === 'on'}
          errors={errors}
        />
        <p class="hint">
          {t(
            'Für einzelne Spenden bis 300 € keine Bestätigung, außer der Spender hat eine gewünscht: der Kontoauszug und der Beleg des Vereins genügen dem Finanzamt (§ 50 Abs. 4 EStDV).',
            'No receipt for single gifts up to 300 € unless the donor asked for one: the bank statement and the association’s slip suffice for the tax office (§ 50 (4) EStDV).',
          )}
        </p>
      </fieldset>
      <fieldset>
        <legend>{t('Beiträge und Lastschrift', 'Dues and direct debit')}</legend>
        <Select
          c={c}
          name={`${prefix}dues_join_rule`}
          label={t('Eintritt mitten im Beitragszeitraum', 'Joining in the middle of a period')}
          value={values.dues_join_rule ?? 'next_period'}
          errors={errors}
          options={[
            { value: 'next_period', label: t('Beitrag ab dem nächsten vollen Zeitraum', 'Fee from the next full period') },
            { value: 'pro_rata', label: t('Anteiliger Beitrag, tagesgenau', 'Pro-rata fee per day') },
          ]}
        />
        <div class="grid">
          <Select
            c={c}
            name={`${prefix}sepa_version`}
            label={t('SEPA-Dateiformat für die Bank', 'SEPA file format for the bank')}
            value={values.sepa_version ?? '001.08'}
            errors={errors}
            options={[
              { value: '001.08', label: 'pain.008.001.08' },
              { value: '001.02', label: t('pain.008.001.02 (ältere Banken)', 'pain.008.001.02 (older banks)') },
            ]}
          />
          <Field c={c} name={`${prefix}prenotification_days`} label={t('Vorabankündigung (Tage vor dem Einzug)', 'Pre-notification (days before the debit)')} type="number" value={values.prenotification_days ?? 14} errors={errors} />
        </div>
        <input type="hidden" name={`${prefix}return_fee_to_member`} value="off" />
        <Checkbox
          c={c}
          name={`${prefix}return_fee_to_member`}
          label={t('Bankgebühren für Rücklastschriften dem Mitglied berechnen', 'Pass bank fees for returned debits on to the member')}
          checked={values.return_fee_to_member === undefined || values.return_fee_to_member === true || values.return_fee_to_member === 'on'}
          errors={errors}
        />
        <fieldset>
          <legend>{t('Mahnstufen', 'Dunning levels')}</legend>
          {[0, 1, 2].map((i) => {
            const level = (Array.isArray(values.dunning_levels) ? values.dunning_levels[i] : undefined) ?? { days: 14, fee_cents: i === 2 ? 500 : 0 };
            const fee = typeof level.fee_cents === 'number' ? formatAmount(level.fee_cents) : level.fee_cents;
            return (
              <div class="grid">
                <Field c={c} name={`${prefix}dunning_levels.${i}.days`} label={i === 0 ? t('Erinnerung: Tage nach Fälligkeit', 'Reminder: days after the due date') : t(`${i + 1}. Mahnung: Tage nach der vorigen`, `Reminder ${i + 1}: days after the previous`)} type="number" value={level.days} errors={errors} />
                <Field c={c} name={`${prefix}dunning_levels.${i}.fee_cents`} label={t('Gebühr (€)', 'Fee (€)')} value={fee} errors={errors} inputmode="decimal" />
              </div>
            );
          })}
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>{t('Fristerinnerungen (Förderanträge)', 'Deadline reminders (grants)')}</legend>
        <Field
          c={c}
          name={`${prefix}grant_reminder_days`}
          label={t('Erinnern so viele Tage vor einer Frist', 'Remind this many days before a deadline')}
          value={Array.isArray(values.grant_reminder_days) ? values.grant_reminder_days.join(', ') : (values.grant_reminder_days ?? '30, 7, 1')}
          errors={errors}
          hint={t('Mit Komma getrennt, z. B. 30, 7, 1; leer = keine Erinnerungen vorab (die Nachricht bei Überfälligkeit kommt trotzdem)', 'Separated by commas, e.g. 30, 7, 1; empty = no reminders before (the overdue notice still comes)')}
        />
        <input type="hidden" name={`${prefix}grant_reminders_to_board`} value="off" />
        <Checkbox
          c={c}
          name={`${prefix}grant_reminders_to_board`}
          label={t('Erinnerungen auch an alle aktiven Vorstandsmitglieder (nicht nur an die verantwortliche Person)', 'Reminders also to every active board member (not only to the person responsible)')}
          checked={values.grant_reminders_to_board === true || values.grant_reminders_to_board === 'on'}
          errors={errors}
        />
      </fieldset>
      <fieldset>
        <legend>{t('Bankverbindung und SEPA', 'Bank account and SEPA')}</legend>
        <div class="grid">
          {f('iban', 'IBAN', { required: true, hint: t('Wird mit Prüfziffer geprüft', 'Checked by its check digits'), autocomplete: 'off' })}
          {f('bic', t('BIC (freiwillig)', 'BIC (optional)'))}
          {f('creditor_id', t('Gläubiger-Identifikationsnummer', 'SEPA creditor identifier'), { hint: t('Für Lastschriften, z. B. DE98ZZZ09999999999', 'For direct debits, e.g. DE98ZZZ09999999999') })}
        </div>
      </fieldset>
    </>
  );
}

/** Form values from a stored association (IBAN shown grouped). */
export function associationValues(a: Record<string, any>): AssociationFormValues {
  return { ...a, iban: a.iban ? formatIban(a.iban) : '', purposes: a.purposes };
}

/** Drops purpose rows left empty, so only filled rows are validated. */
export function withoutEmptyPurposes(input: Record<string, any>) {
  if (Array.isArray(input.purposes)) {
    input.purposes = input.purposes.filter((p: any) => p && (p.genitive?.trim() || p.accusative?.trim()));
  }
  return input;
}
