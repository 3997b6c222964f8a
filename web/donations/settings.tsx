import { Hono } from 'hono';
import { inTransaction } from '../../api/deps';
import { getDonationSettings, listPurposes } from '../../api/donations/ledger-queries';
import { donationSettingsSchema, PAGE_METHODS, purposeSchema, purposeUpdateSchema } from '../../api/donations/ledger-schemas';
import { saveDonationSettings } from '../../api/donations/save-donation-settings';
import { createPurpose, PURPOSE_NOT_FOUND, updatePurpose } from '../../api/donations/save-purpose';
import { actorOf, type AppContext, type AppEnv } from '../../api/http/context';
import { AppError, msg, type FieldError } from '../../api/http/errors';
import { parseOrThrow } from '../../api/http/validate';
import { formatAmount } from '../../api/lib/money';
import { setFlash } from '../flash';
import { attempt, fieldErrorsOf, readForm } from '../forms';
import { say, tr } from '../i18n';
import { Checkbox, Csrf, EmptyState, ErrorSummary, Field, Layout } from '../layout';
import { PAGE_METHOD_LABELS } from './labels';
import { numericId } from './routes';

const PRESET_SLOTS = 6;

/** The settings form sends one field per preset and one box per method; the schema takes lists. */
function settingsFromForm(form: Record<string, unknown>) {
  const presets = Array.isArray(form.presets) ? form.presets : [];
  return {
    min_cents: form.min_cents,
    max_cents: form.max_cents,
    presets,
    methods: PAGE_METHODS.filter((m) => form[`method_${m}`] === 'on'),
  };
}

export function webDonationSettingsRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/donations/settings', async (c) => c.html(await settingsPage(c, {})));

  app.post('/donations/settings', async (c) => {
    const deps = c.get('deps');
    const form = await readForm(c);
    const result = await attempt(() => {
      const settings = parseOrThrow(donationSettingsSchema, settingsFromForm(form));
      return inTransaction(deps.db, (trx) => saveDonationSettings(trx, { settings, actor: actorOf(c) }, deps));
    });
    if (!result.ok) return c.html(await settingsPage(c, { settingsForm: form, settingsError: result.error }), 422);
    setFlash(c, 'success', msg('Die Einstellungen der Spendenseite sind gespeichert.', 'The donation page settings are saved.'));
    return c.redirect('/donations/settings');
  });

  app.post('/donations/purposes', async (c) => {
    const deps = c.get('deps');
    const form = await readForm(c);
    const result = await attempt(() => {
      const purpose = parseOrThrow(purposeSchema, { active: 'on', ...form });
      return inTransaction(deps.db, (trx) => createPurpose(trx, { purpose, actor: actorOf(c) }, deps));
    });
    if (!result.ok) return c.html(await settingsPage(c, { purposeForm: form, purposeError: result.error }), 422);
    setFlash(c, 'success', msg(`Zweck „${result.value.name_de}“ ist angelegt.`, `Purpose “${result.value.name_de}” is created.`));
    return c.redirect('/donations/settings');
  });

  app.post('/donations/purposes/:id', async (c) => {
    const deps = c.get('deps');
    const id = numericId(c, PURPOSE_NOT_FOUND);
    const form = await readForm(c);
    const result = await attempt(() => {
      const purpose = parseOrThrow(purposeUpdateSchema, { active: '', ...form });
      return inTransaction(deps.db, (trx) => updatePurpose(trx, { id, purpose, actor: actorOf(c) }, deps));
    });
    if (!result.ok) {
      if (result.error.code === 'not_found') throw result.error;
      return c.html(await settingsPage(c, { editId: id, purposeForm: form, purposeError: result.error }), 422);
    }
    setFlash(c, 'success', msg(`Zweck „${result.value.name_de}“ ist gespeichert.`, `Purpose “${result.value.name_de}” is saved.`));
    return c.redirect('/donations/settings');
  });

  return app;
}

async function settingsPage(c: AppContext, v: { settingsForm?: Record<string, unknown>; settingsError?: AppError; editId?: number; purposeForm?: Record<string, unknown>; purposeError?: AppError }) {
  const t = tr(c);
  const db = c.get('deps').db;
  const [settings, purposes] = await Promise.all([getDonationSettings(db), listPurposes(db)]);
  const sErrors = fieldErrorsOf(v.settingsError);
  const pErrors = fieldErrorsOf(v.purposeError);
  const sf = v.settingsForm as Record<string, any> | undefined;
  const values = sf
    ? { min: sf.min_cents, max: sf.max_cents, presets: (Array.isArray(sf.presets) ? sf.presets : []) as string[], methods: PAGE_METHODS.filter((m) => sf[`method_${m}`] === 'on') as string[] }
    : settings
      ? { min: formatAmount(settings.min_cents), max: formatAmount(settings.max_cents), presets: settings.presets.map(formatAmount), methods: settings.methods }
      : { min: '', max: '', presets: [], methods: [] };
  const pf = (v.purposeForm ?? {}) as Record<string, string>;
  // A preset error's path is "presets" or "presets.N": show it once, at the first preset field.
  const presetErrors: FieldError[] = sErrors.map((e) => (e.field === 'presets' ? { ...e, field: 'presets.0' } : e));
  return (
    <Layout c={c} title={t('Zwecke und Spendenseite', 'Purposes and donation page')}>
      <p>
        <a href="/donations">{t('Zu den Spenden', 'To the donations')}</a>
      </p>
      <h2 id="page">{t('Spendenseite', 'Donation page')}</h2>
      <p>
        <a href="/donate">{t('Spendenseite ansehen', 'View the donation page')}</a> ·{' '}
        <a href="/donations/embed">{t('Auf der eigenen Website einbinden', 'Embed it on your own website')}</a>
      </p>
      {!settings ? (
        <EmptyState>{t('Der Verein ist noch nicht eingerichtet.', 'The association is not set up yet.')}</EmptyState>
      ) : (
        <>
          <ErrorSummary c={c} errors={sErrors} />
          <form method="post" action="/donations/settings" novalidate>
            <Csrf c={c} />
            <div class="grid">
              <Field c={c} name="min_cents" label={t('Mindestbetrag (€)', 'Minimum amount (€)')} value={values.min} errors={sErrors} required inputmode="decimal" hint={t('mindestens 1,00 €', 'at least 1.00 €')} />
              <Field c={c} name="max_cents" label={t('Höchstbetrag (€)', 'Maximum amount (€)')} value={values.max} errors={sErrors} required inputmode="decimal" />
            </div>
            <fieldset>
              <legend>{t('Vorschlagsbeträge (€)', 'Preset amounts (€)')}</legend>
              <p class="hint">{t('Bis zu sechs Beträge zwischen Mindest- und Höchstbetrag; leere Felder bleiben weg.', 'Up to six amounts between minimum and maximum; empty fields are left out.')}</p>
              <div class="grid">
                {Array.from({ length: PRESET_SLOTS }, (_, i) => (
                  <Field c={c} name={`presets.${i}`} label={t(`Betrag ${i + 1}`, `Amount ${i + 1}`)} value={values.presets[i] ?? ''} errors={presetErrors} inputmode="decimal" />
                ))}
              </div>
            </fieldset>
            <fieldset>
              <legend>{t('Zahlungsarten bei Stripe', 'Payment methods at Stripe')}</legend>
              {sErrors.some((e) => e.field.startsWith('methods')) && <p class="error">{say(c, sErrors.find((e) => e.field.startsWith('methods'))!.message)}</p>}
              {PAGE_METHODS.map((m) => (
                <Checkbox c={c} name={`method_${m}`} label={say(c, PAGE_METHOD_LABELS[m]!)} checked={values.methods.includes(m)} />
              ))}
            </fieldset>
            <button type="submit">{t('Speichern', 'Save')}</button>
          </form>
        </>
      )}

      <h2 id="purposes">{t('Zwecke und Kampagnen', 'Purposes and campaigns')}</h2>
      <p class="hint">
        {t(
          'Ohne Auswahl geht eine Spende dorthin, wo sie am nötigsten ist. Ein Zweck wird nie gelöscht (Spenden und Bestätigungen nennen ihn); eine beendete Kampagne wird deaktiviert und verschwindet von der Spendenseite.',
          'Without a choice a gift goes where it is most needed. A purpose is never deleted (gifts and receipts name it); a finished campaign is deactivated and leaves the donation page.',
        )}
      </p>
      {purposes.length === 0 ? (
        <EmptyState>{t('Noch keine Zwecke.', 'No purposes yet.')}</EmptyState>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Zweck', 'Purpose')}</th>
                <th scope="col">{t('Kürzel / Link', 'Slug / link')}</th>
                <th scope="col" class="num">
                  {t('Spenden', 'Gifts')}
                </th>
                <th scope="col">{t('Ändern', 'Change')}</th>
              </tr>
            </thead>
            <tbody>
              {purposes.map((p) => {
                const editing = v.editId === p.id;
                const vals = editing ? pf : { name_de: p.name_de, name_en: p.name_en ?? '', name_ar: p.name_ar ?? '', name_tr: p.name_tr ?? '' };
                const errs = editing ? pErrors : [];
                return (
                  <tr>
                    <td>
                      {p.name_de}
                      {!p.active && <div class="hint">{t('deaktiviert – nicht auf der Spendenseite', 'deactivated – not on the donation page')}</div>}
                    </td>
                    <td>
                      <code>/donate?purpose={p.slug}</code>
                    </td>
                    <td class="num">{p.gift_count}</td>
                    <td>
                      <details open={editing}>
                        <summary>{t('Bearbeiten', 'Edit')}</summary>
                        <form method="post" action={`/donations/purposes/${p.id}`} novalidate>
                          <Csrf c={c} />
                          <PurposeNames c={c} values={vals} errors={errs} prefix={`p${p.id}-`} />
                          <Checkbox c={c} idPrefix={`p${p.id}-`} name="active" label={t('auf der Spendenseite wählbar', 'selectable on the donation page')} checked={editing ? pf.active === 'on' : p.active} />
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
      <h3>{t('Neuer Zweck', 'New purpose')}</h3>
      <ErrorSummary c={c} errors={v.editId ? [] : pErrors} />
      <form method="post" action="/donations/purposes" novalidate>
        <Csrf c={c} />
        <Field c={c} name="slug" label={t('Kürzel (für Links)', 'Slug (for links)')} value={v.editId ? '' : pf.slug} errors={v.editId ? [] : pErrors} required hint={t('z. B. winterhilfe-2026 – nicht mehr änderbar', 'e.g. winter-aid-2026 – cannot be changed later')} />
        <PurposeNames c={c} values={v.editId ? {} : pf} errors={v.editId ? [] : pErrors} prefix="" />
        <button type="submit">{t('Anlegen', 'Create')}</button>
      </form>
    </Layout>
  );
}

function PurposeNames(props: { c: AppContext; values: Record<string, string | undefined>; errors: FieldError[]; prefix: string }) {
  const { c, values, errors, prefix } = props;
  const t = tr(c);
  return (
    <div class="grid">
      <Field c={c} idPrefix={prefix} name="name_de" label={t('Name (deutsch)', 'Name (German)')} value={values.name_de} errors={errors} required />
      <Field c={c} idPrefix={prefix} name="name_en" label={t('Name (englisch)', 'Name (English)')} value={values.name_en} errors={errors} hint={t('leer: deutscher Name', 'empty: German name')} />
      <Field c={c} idPrefix={prefix} name="name_ar" label={t('Name (arabisch)', 'Name (Arabic)')} value={values.name_ar} errors={errors} dir="rtl" />
      <Field c={c} idPrefix={prefix} name="name_tr" label={t('Name (türkisch)', 'Name (Turkish)')} value={values.name_tr} errors={errors} />
    </div>
  );
}
