import { Hono } from 'hono';
import { inTransaction } from '../../api/deps';
import { actorOf, type AppContext, type AppEnv } from '../../api/http/context';
import { AppError, msg } from '../../api/http/errors';
import { formatDate } from '../../api/lib/dates';
import {
  commitMemberImport,
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  mappingFromValues,
  previewMemberImport,
  REQUIRED_IMPORT_FIELDS,
  sha256Hex,
  type ImportMapping,
  type ImportPreview,
  type ImportRow,
} from '../../api/members/import-members';
import { membershipTypesForImport } from '../../api/members/import-queries';
import { setFlash } from '../flash';
import { attempt } from '../forms';
import { MEMBER_STATUS_LABELS, PAYMENT_METHOD_LABELS, say, tr } from '../i18n';
import { Csrf, EmptyState, ErrorSummary, Layout, Select } from '../layout';

/**
 * CSV import of an existing member list: upload -> preview (nothing written; the mapping of
 * columns can be changed) -> import (one transaction). Between preview and import the file
 * travels in the page itself — gzip + base64 in a hidden field, with its SHA-256 — so no
 * upload with personal data lies around in the database, and the confirm request stays well
 * below the body limit (a 1 MB CSV compresses to about a quarter).
 */

/** How many rows of each kind the preview shows; the counts always cover the whole file. */
const SHOW_ERRORS = 1000;
const SHOW_ROWS = 200;

export function memberImportRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  registerMemberImportRoutes(app);
  return app;
}

export function registerMemberImportRoutes(app: Hono<AppEnv>) {
  app.get('/members/import', async (c) => c.html(await uploadPage(c)));

  app.post('/members/import/preview', async (c) => {
    const deps = c.get('deps');
    const body = await c.req.parseBody();
    const file = body.file;
    let bytes: Uint8Array;
    let mapping: ImportMapping | null = null;
    if (typeof file === 'object' && file !== null && 'arrayBuffer' in file && file.size > 0) {
      bytes = new Uint8Array(await file.arrayBuffer());
    } else if (typeof body.data === 'string' && body.data) {
      const unpacked = await attempt(() => unpackFile(body.data as string, String(body.sha256 ?? '')));
      if (!unpacked.ok) return c.html(await uploadPage(c, unpacked.error.detail), 400);
      bytes = unpacked.value;
      mapping = mappingOf(body);
    } else {
      return c.html(await uploadPage(c, msg('Bitte eine CSV-Datei auswählen.', 'Please choose a CSV file.')), 422);
    }
    const preview = await previewMemberImport(deps.db, { csvBytes: bytes, mapping }, deps);
    return c.html(await previewPage(c, preview, bytes));
  });

  app.post('/members/import', async (c) => {
    const deps = c.get('deps');
    const body = await c.req.parseBody();
    const unpacked = await attempt(() => unpackFile(String(body.data ?? ''), String(body.sha256 ?? '')));
    if (!unpacked.ok) return c.html(await uploadPage(c, unpacked.error.detail), 400);
    const bytes = unpacked.value;
    const mapping = mappingOf(body);
    if (mappingKey(mapping) !== String(body.previewed_mapping ?? '')) {
      // The selects were changed and "import" pressed without looking at the new preview: show it first.
      const preview = await previewMemberImport(deps.db, { csvBytes: bytes, mapping }, deps);
      const notice = msg('Die Zuordnung wurde geändert. Bitte die neue Vorschau prüfen und dann importieren.', 'The mapping was changed. Please check the new preview, then import.');
      return c.html(await previewPage(c, preview, bytes, { notice }));
    }
    const result = await attempt(() => inTransaction(deps.db, (trx) => commitMemberImport(trx, { csvBytes: bytes, mapping, actor: actorOf(c) }, deps)));
    if (!result.ok) {
      const preview = await previewMemberImport(deps.db, { csvBytes: bytes, mapping }, deps);
      return c.html(await previewPage(c, preview, bytes, { error: result.error.detail ?? msg('Der Import wurde abgelehnt.', 'The import was refused.') }), 422);
    }
    const { created, existing, duplicate } = result.value;
    const skipped = existing + duplicate;
    if (created === 0) {
      setFlash(c, 'info', msg(`Nichts importiert: alle ${skipped} Zeilen sind schon vorhanden.`, `Nothing imported: all ${skipped} rows are already there.`));
    } else {
      setFlash(
        c,
        'success',
        msg(
          `${created} Mitglied(er) importiert${skipped ? `, ${skipped} Zeile(n) waren schon vorhanden` : ''}.`,
          `${created} member(s) imported${skipped ? `, ${skipped} row(s) were already there` : ''}.`,
        ),
      );
    }
    return c.redirect('/members');
  });
}

function mappingOf(body: Record<string, unknown>): ImportMapping {
  const values: string[] = [];
  for (let i = 0; typeof body[`map_${i}`] === 'string'; i++) values.push(body[`map_${i}`] as string);
  return mappingFromValues(values);
}

function mappingKey(mapping: ImportMapping): string {
  return mapping.map((f) => f ?? '').join(',');
}

// --- the file between preview and import ---------------------------------------------------------

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function packFile(bytes: Uint8Array): Promise<string> {
  return toBase64(await through(bytes, new CompressionStream('gzip')));
}

const DAMAGED = msg('Die Importdaten sind unterwegs beschädigt worden. Bitte die Datei neu hochladen.', 'The import data was damaged on the way. Please upload the file again.');

/** The file back from the hidden field; its SHA-256 must be the one the preview was made of. */
async function unpackFile(data: string, sha256: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await through(fromBase64(data), new DecompressionStream('gzip'));
  } catch {
    throw new AppError('validation', DAMAGED);
  }
  if (!/^[0-9a-f]{64}$/.test(sha256) || (await sha256Hex(bytes)) !== sha256) throw new AppError('validation', DAMAGED);
  return bytes;
}

// --- pages -----------------------------------------------------------------------------------------

async function uploadPage(c: AppContext, error?: { de: string; en: string }) {
  const t = tr(c);
  const deps = c.get('deps');
  const types = await membershipTypesForImport(deps.db);
  // The upload is limited by the app's body limit; a full member list needs about 170 bytes a row.
  const kb = deps.config.BODY_LIMIT_KB;
  const limit = kb >= 1024 ? `${(kb / 1024).toLocaleString(c.get('lang') === 'en' ? 'en' : 'de', { maximumFractionDigits: 1 })} MB` : `${kb} KB`;
  const rows = (Math.floor((kb * 1024) / 170 / 1000) * 1000 || Math.floor((kb * 1024) / 170)).toLocaleString(c.get('lang') === 'en' ? 'en' : 'de');
  return (
    <Layout c={c} title={t('Mitglieder importieren', 'Import members')}>
      <div class="actions">
        <a href="/members">{t('Zur Mitgliederliste', 'Back to the members')}</a>
        <a href="/members/export.csv">{t('Vorlage: aktuelle Liste als CSV', 'Template: current list as CSV')}</a>
      </div>
      {error && <ErrorSummary c={c} errors={[]} detail={say(c, error)} />}
      <p>
        {t(
          'Eine Mitgliederliste als CSV-Datei (aus Excel: „Speichern unter → CSV UTF-8“ oder „CSV (Trennzeichen-getrennt)“). Sie sehen zuerst eine Vorschau; gespeichert wird erst, wenn Sie sie bestätigen – und dann alles oder nichts.',
          'A member list as a CSV file (from Excel: “Save as → CSV UTF-8” or “CSV (comma delimited)”). You see a preview first; nothing is saved until you confirm it – and then all or nothing.',
        )}
      </p>
      <form method="post" action="/members/import/preview" enctype="multipart/form-data">
        <Csrf c={c} />
        <div class="field">
          <label for="f-file">
            {t('CSV-Datei', 'CSV file')}
            <span aria-hidden="true"> *</span>
          </label>
          <small class="hint" id="f-file-hint">
            {t(`Höchstens ${limit} (mit allen Spalten etwa ${rows} Mitglieder).`, `At most ${limit} (with all columns some ${rows} members).`)}
          </small>
          <input id="f-file" type="file" name="file" accept=".csv,.txt,text/csv,text/plain" required aria-describedby="f-file-hint" />
        </div>
        <button type="submit">{t('Vorschau anzeigen', 'Show preview')}</button>
      </form>
      <h2>{t('Aufbau der Datei', 'What the file looks like')}</h2>
      <ul>
        <li>{t('Erste Zeile: Spaltennamen. Übliche Namen werden erkannt (Vorname, Nachname, Straße, PLZ, Ort, E-Mail, Geburtsdatum, Eintritt, Beitragsart, …); die Zuordnung lässt sich in der Vorschau ändern.', 'First line: column names. Common names are recognised (first name, last name, street, postal code, city, e-mail, birth date, joined, membership type, …); the mapping can be changed in the preview.')}</li>
        <li>{t('Pflicht: Vorname, Nachname, Beitragsart; bei aktiven Mitgliedern das Eintrittsdatum.', 'Required: first name, last name, membership type; for active members the join date.')}</li>
        <li>
          {t('Beitragsart mit ihrem Namen, wie angelegt: ', 'Membership type by its name, as set up: ')}
          {types.length ? types.map((ty) => `„${ty.name}“`).join(', ') : t('noch keine – bitte zuerst anlegen', 'none yet – please create them first')}
          {' '}(<a href="/membership-types">{t('Beitragsarten', 'Membership types')}</a>)
        </li>
        <li>{t('Datum als 15.03.2026 oder 2026-03-15; Beträge wie 12,50.', 'Dates as 15.03.2026 or 2026-03-15; amounts like 12,50.')}</li>
        <li>{t('Trennzeichen „;“ oder „,“ und Zeichensatz (UTF-8 oder Windows) werden erkannt.', 'Delimiter “;” or “,” and character set (UTF-8 or Windows) are detected.')}</li>
        <li>{t('Wer schon gespeichert ist (gleiche Mitgliedsnummer, oder gleicher Name ohne abweichendes Geburtsdatum/E-Mail), wird übersprungen: dieselbe Datei zweimal importieren legt niemanden doppelt an.', 'Whoever is already stored (same member number, or same name without a different birth date/e-mail) is skipped: importing the same file twice creates nobody twice.')}</li>
      </ul>
    </Layout>
  );
}

async function previewPage(c: AppContext, preview: ImportPreview, bytes: Uint8Array, extra: { notice?: { de: string; en: string }; error?: { de: string; en: string } } = {}) {
  const t = tr(c);
  const data = preview.header.length ? await packFile(bytes) : '';
  const { counts } = preview;
  const blocked = preview.fileErrors.length > 0 || counts.error > 0;
  const encodingName = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16', 'windows-1252': 'Windows-1252' }[preview.encoding];
  const delimiterName = preview.delimiter === '\t' ? 'Tab' : `„${preview.delimiter}“`;
  const columnOf = (field: string) => {
    const i = preview.mapping.indexOf(field as never);
    return i >= 0 ? preview.header[i]! : null;
  };
  const fieldName = (field: string) => {
    if (field === 'line') return t('ganze Zeile', 'whole line');
    const label = IMPORT_FIELD_LABELS[field as keyof typeof IMPORT_FIELD_LABELS];
    const column = columnOf(field);
    return column ? `„${column}“` : label ? say(c, label) : field;
  };
  const errorLines = preview.rows.filter((r) => r.outcome === 'error').flatMap((r) => r.errors.map((e) => ({ row: r, error: e })));
  const shownRows = preview.rows.filter((r) => r.outcome !== 'error').slice(0, SHOW_ROWS);
  const options = IMPORT_FIELDS.map((f) => ({ value: f, label: say(c, IMPORT_FIELD_LABELS[f]) + (REQUIRED_IMPORT_FIELDS.includes(f) ? ' *' : '') }));

  return (
    <Layout c={c} title={t('Mitglieder importieren – Vorschau', 'Import members – preview')}>
      <div class="actions">
        <a href="/members/import">{t('Andere Datei wählen', 'Choose another file')}</a>
        <a href="/members">{t('Abbrechen', 'Cancel')}</a>
      </div>
      {extra.notice && (
        <p class="flash info" role="status">
          {say(c, extra.notice)}
        </p>
      )}
      {extra.error && <ErrorSummary c={c} errors={[]} detail={say(c, extra.error)} />}
      {preview.fileErrors.length > 0 && (
        <div class="error-summary" role="alert">
          <ul>
            {preview.fileErrors.map((e) => (
              <li>{say(c, e.message)}</li>
            ))}
          </ul>
        </div>
      )}
      {preview.header.length > 0 && (
        <p role="status">
          {t(`Datei: ${encodingName}, Trennzeichen ${delimiterName}. `, `File: ${encodingName}, delimiter ${delimiterName}. `)}
          <strong>
            {t(
              `${counts.rows} Zeile(n): ${counts.new} neu, ${counts.existing} schon vorhanden, ${counts.duplicate} doppelt in der Datei, ${counts.error} mit Fehlern.`,
              `${counts.rows} row(s): ${counts.new} new, ${counts.existing} already there, ${counts.duplicate} repeated in the file, ${counts.error} with errors.`,
            )}
          </strong>{' '}
          {t('Noch ist nichts gespeichert.', 'Nothing is saved yet.')}
        </p>
      )}
      {preview.header.length > 0 && (
        <form method="post" action="/members/import">
          <Csrf c={c} />
          <input type="hidden" name="data" value={data} />
          <input type="hidden" name="sha256" value={preview.sha256} />
          <input type="hidden" name="previewed_mapping" value={mappingKey(preview.mapping)} />
          <fieldset>
            <legend>{t('Zuordnung der Spalten', 'Mapping of the columns')}</legend>
            <div class="grid">
              {preview.header.map((h, i) => (
                <Select
                  c={c}
                  name={`map_${i}`}
                  label={h}
                  hint={preview.sample[i] ? t(`z. B. „${clip(preview.sample[i]!)}“`, `e.g. “${clip(preview.sample[i]!)}”`) : undefined}
                  value={preview.mapping[i] ?? ''}
                  options={options}
                  blank={t('– nicht importieren –', '– do not import –')}
                />
              ))}
            </div>
            <button type="submit" class="secondary" formaction="/members/import/preview">
              {t('Vorschau mit dieser Zuordnung', 'Preview with this mapping')}
            </button>
          </fieldset>
          {blocked ? (
            <p class="error">
              {t(
                'Importieren geht erst, wenn keine Zeile mehr Fehler hat: bitte die Datei korrigieren (oder die Zuordnung ändern) und neu hochladen.',
                'Importing is possible once no row has errors: please correct the file (or the mapping) and upload it again.',
              )}
            </p>
          ) : counts.new === 0 ? (
            <p>{t('Alle Zeilen sind schon vorhanden – es gibt nichts zu importieren.', 'All rows are already there – there is nothing to import.')}</p>
          ) : (
            <button type="submit">{t(`${counts.new} Mitglied(er) importieren`, `Import ${counts.new} member(s)`)}</button>
          )}
        </form>
      )}
      {errorLines.length > 0 && (
        <>
          <h2>{t(`Fehler (${counts.error} Zeile(n))`, `Errors (${counts.error} row(s))`)}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    {t('Zeile', 'Line')}
                  </th>
                  <th scope="col">{t('Name', 'Name')}</th>
                  <th scope="col">{t('Spalte', 'Column')}</th>
                  <th scope="col">{t('Fehler', 'Error')}</th>
                </tr>
              </thead>
              <tbody>
                {errorLines.slice(0, SHOW_ERRORS).map(({ row, error }) => (
                  <tr>
                    <td class="num">{row.line}</td>
                    <td>{row.label}</td>
                    <td>{fieldName(error.field)}</td>
                    <td class="error">{say(c, error.message)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {errorLines.length > SHOW_ERRORS && <p class="hint">{t(`… und ${errorLines.length - SHOW_ERRORS} weitere Fehler.`, `… and ${errorLines.length - SHOW_ERRORS} more errors.`)}</p>}
        </>
      )}
      {preview.header.length > 0 && (
        <>
          <h2>{t('Zeilen', 'Rows')}</h2>
          {shownRows.length === 0 ? (
            <EmptyState>{t('Keine fehlerfreien Zeilen.', 'No rows without errors.')}</EmptyState>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col" class="num">
                      {t('Zeile', 'Line')}
                    </th>
                    <th scope="col">{t('Ergebnis', 'Result')}</th>
                    <th scope="col" class="num">
                      {t('Nr.', 'No.')}
                    </th>
                    <th scope="col">{t('Name', 'Name')}</th>
                    <th scope="col">{t('Geburtsdatum', 'Birth date')}</th>
                    <th scope="col">{t('Beitragsart', 'Type')}</th>
                    <th scope="col">{t('Eintritt', 'Joined')}</th>
                    <th scope="col">{t('Status', 'Status')}</th>
                    <th scope="col">{t('Zahlung', 'Payment')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shownRows.map((r) => (
                    <RowLine c={c} row={r} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {counts.rows - counts.error > shownRows.length && (
            <p class="hint">
              {t(
                `Gezeigt sind die ersten ${shownRows.length} von ${counts.rows - counts.error} fehlerfreien Zeilen.`,
                `Showing the first ${shownRows.length} of ${counts.rows - counts.error} rows without errors.`,
              )}
            </p>
          )}
        </>
      )}
    </Layout>
  );
}

function RowLine(props: { c: AppContext; row: ImportRow }) {
  const { c, row } = props;
  const t = tr(c);
  const m = row.member;
  const date = (d: string | null | undefined) => (d ? formatDate(d) : '');
  const result =
    row.outcome === 'new'
      ? t('neu', 'new')
      : row.outcome === 'existing'
        ? t(`schon vorhanden${row.existing?.member_number ? ` (Nr. ${row.existing.member_number})` : ''}`, `already there${row.existing?.member_number ? ` (no. ${row.existing.member_number})` : ''}`)
        : t(`doppelt (wie Zeile ${row.duplicateOf})`, `repeated (as line ${row.duplicateOf})`);
  return (
    <tr>
      <td class="num">{row.line}</td>
      <td>{result}</td>
      <td class="num">{row.memberNumber ?? (row.outcome === 'new' && m?.status !== 'applicant' ? t('(wird vergeben)', '(assigned)') : '')}</td>
      <td>{row.label}</td>
      <td>{date(m?.birth_date)}</td>
      <td>
        {m ? row.typeName : ''}
        {m?.reduced_fee ? ` (${t('ermäßigt', 'reduced')})` : ''}
      </td>
      <td>{date(m?.join_date)}</td>
      <td>{m ? say(c, MEMBER_STATUS_LABELS[m.status]!) : ''}</td>
      <td>{m ? (row.payerNumber ? t(`über Nr. ${row.payerNumber}`, `via no. ${row.payerNumber}`) : say(c, PAYMENT_METHOD_LABELS[m.payment_method]!)) : ''}</td>
    </tr>
  );
}

function clip(s: string) {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}

