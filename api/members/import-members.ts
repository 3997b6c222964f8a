import { writeAudit, writeAuditMany } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg, validationError, zodFieldErrors, type FieldError, type Msg } from '../http/errors';
import { binaryKind, parseGermanDate, readCsvTable, undoFormulaGuard, type CsvEncoding, type CsvDelimiter } from '../lib/csv-parse';
import { berlinToday } from '../lib/dates';
import { formatEuro, parseAmount } from '../lib/money';
import {
  advanceMemberNumberSequence,
  drawMemberNumbers,
  insertMembersBatch,
  lockMemberImports,
  membersForImportMatching,
  membershipTypesForImport,
} from './import-queries';
import { memberValues } from './member-rules';
import { memberSchema, type MemberInput } from './schemas';

/**
 * Importing an existing member list from a CSV file (what Excel writes): a preview that writes
 * nothing, and a commit that writes the whole file in one transaction or nothing. A row that is
 * already in the database (same member number, or same name without a contradicting birth date
 * or e-mail) is skipped, so importing the same file twice creates nobody twice.
 */

export const IMPORT_FIELDS = [
  'member_number',
  'first_name',
  'last_name',
  'street',
  'house_number',
  'postal_code',
  'city',
  'country',
  'email',
  'phone',
  'birth_date',
  'join_date',
  'exit_date',
  'status',
  'membership_type',
  'reduced_fee',
  'fee',
  'payment_method',
  'payer_member_number',
  'language',
  'consent_newsletter_on',
  'consent_photos_on',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** For each column of the file (by position): the member field it fills, or null to ignore it. */
export type ImportMapping = (ImportField | null)[];

export const IMPORT_FIELD_LABELS: Record<ImportField, Msg> = {
  member_number: msg('Mitgliedsnummer', 'Member number'),
  first_name: msg('Vorname', 'First name'),
  last_name: msg('Nachname', 'Last name'),
  street: msg('Straße', 'Street'),
  house_number: msg('Hausnummer (wird an die Straße gehängt)', 'House number (appended to the street)'),
  postal_code: msg('PLZ', 'Postal code'),
  city: msg('Ort', 'City'),
  country: msg('Land', 'Country'),
  email: msg('E-Mail', 'E-mail'),
  phone: msg('Telefon', 'Phone'),
  birth_date: msg('Geburtsdatum', 'Birth date'),
  join_date: msg('Eintritt', 'Joined'),
  exit_date: msg('Austritt', 'Left'),
  status: msg('Status', 'Status'),
  membership_type: msg('Beitragsart', 'Membership type'),
  reduced_fee: msg('Ermäßigt', 'Reduced fee'),
  fee: msg('Beitrag (Betrag, zur Kontrolle)', 'Fee (amount, as a check)'),
  payment_method: msg('Zahlungsweise', 'Payment method'),
  payer_member_number: msg('Zahlt über (Mitgliedsnummer)', 'Paid by (member number)'),
  language: msg('Sprache', 'Language'),
  consent_newsletter_on: msg('Newsletter seit', 'Newsletter since'),
  consent_photos_on: msg('Fotos seit', 'Photos since'),
  notes: msg('Notizen', 'Notes'),
};

export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['first_name', 'last_name', 'membership_type'];

/** Header names as people write them, compared after `headerKey` (lower case, umlauts spelled out, no punctuation). */
const HEADER_ALIASES: Record<ImportField, string[]> = {
  member_number: ['mitgliedsnummer', 'mitgliedsnr', 'mitgliednr', 'mitgliedernummer', 'mitgliedernr', 'mitgliedsno', 'nr', 'nummer', 'mnr', 'membernumber', 'memberno', 'membershipnumber', 'number', 'no'],
  first_name: ['vorname', 'vornamen', 'rufname', 'firstname', 'givenname', 'forename'],
  last_name: ['nachname', 'name', 'familienname', 'zuname', 'lastname', 'surname', 'familyname'],
  street: ['strasse', 'str', 'strassehausnummer', 'strasseundhausnummer', 'strassenr', 'anschrift', 'adresse', 'street', 'address', 'streetaddress'],
  house_number: ['hausnummer', 'hausnr', 'housenumber', 'houseno'],
  postal_code: ['plz', 'postleitzahl', 'postalcode', 'zip', 'zipcode', 'postcode'],
  city: ['ort', 'wohnort', 'stadt', 'city', 'town'],
  country: ['land', 'staat', 'country'],
  email: ['email', 'emailadresse', 'mail', 'epost', 'emailaddress'],
  phone: ['telefon', 'tel', 'telefonnummer', 'telnr', 'handy', 'mobil', 'mobilnummer', 'phone', 'mobile', 'telephone'],
  birth_date: ['geburtsdatum', 'geboren', 'gebdatum', 'geburtstag', 'gebam', 'birthdate', 'dateofbirth', 'dob', 'birthday'],
  join_date: ['eintritt', 'eintrittsdatum', 'eintrittam', 'beitritt', 'beitrittsdatum', 'mitgliedseit', 'joindate', 'joined', 'membersince'],
  exit_date: ['austritt', 'austrittsdatum', 'austrittam', 'exitdate', 'left', 'leftdate'],
  status: ['status', 'mitgliedsstatus', 'memberstatus'],
  membership_type: ['beitragsart', 'mitgliedsart', 'mitgliedschaft', 'mitgliedschaftsart', 'beitragsgruppe', 'beitragsklasse', 'membershiptype', 'type'],
  reduced_fee: ['ermaessigt', 'ermaessigung', 'reduziert', 'reduced', 'reducedfee'],
  fee: ['beitrag', 'beitragshoehe', 'betrag', 'fee', 'amount'],
  payment_method: ['zahlungsweise', 'zahlungsart', 'zahlart', 'paymentmethod', 'payment'],
  payer_member_number: ['zahltueber', 'zahltuebermitglied', 'zahlendesmitglied', 'bezahltvon', 'zahler', 'zahlernr', 'paidby', 'payer', 'payermembernumber'],
  language: ['sprache', 'language', 'lang'],
  consent_newsletter_on: ['newsletter', 'newsletterseit', 'newslettereinwilligung', 'consentnewsletter'],
  consent_photos_on: ['fotos', 'fotosseit', 'fotoeinwilligung', 'photos', 'consentphotos'],
  notes: ['notizen', 'notiz', 'bemerkung', 'bemerkungen', 'anmerkung', 'anmerkungen', 'kommentar', 'notes', 'note', 'comment', 'comments'],
};

/** "E-Mail-Adresse" -> "emailadresse", "Straße" -> "strasse", "Zahlt über" -> "zahltueber", "Türkçe" -> "turkce". */
function headerKey(value: string): string {
  return value
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/** A proposal: each header matched against the common names; a field goes to the first column that names it. */
export function proposeMapping(header: string[]): ImportMapping {
  const taken = new Set<ImportField>();
  return header.map((h) => {
    const key = headerKey(h);
    const field = IMPORT_FIELDS.find((f) => !taken.has(f) && HEADER_ALIASES[f].includes(key));
    if (!field) return null;
    taken.add(field);
    return field;
  });
}

/** A mapping from form values ("" = ignore); unknown field names count as ignore. */
export function mappingFromValues(values: (string | undefined)[]): ImportMapping {
  return values.map((v) => ((IMPORT_FIELDS as readonly string[]).includes(v ?? '') ? (v as ImportField) : null));
}

export interface ImportRow {
  line: number;
  outcome: 'new' | 'existing' | 'duplicate' | 'error';
  /** "Nachname, Vorname" as in the file, to recognise the row. */
  label: string;
  /** The validated record (new rows); the payer is `payerNumber`, resolved at commit. */
  member: MemberInput | null;
  /** From the file; null: drawn from the sequence on import (or none, for applicants). */
  memberNumber: number | null;
  payerNumber: number | null;
  typeName: string | null;
  /** The member in the database this row is (outcome 'existing'). */
  existing: { id: number; member_number: number | null } | null;
  /** The earlier line of this file the row repeats (outcome 'duplicate'). */
  duplicateOf: number | null;
  /** field: an ImportField, or 'line' for a row that could not be read. */
  errors: FieldError[];
}

export interface ImportPreview {
  sha256: string;
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  header: string[];
  /** The first data row's values, to help choosing the mapping. */
  sample: string[];
  mapping: ImportMapping;
  /** Problems of the file or the mapping as a whole (no rows, a required field without a column). */
  fileErrors: FieldError[];
  rows: ImportRow[];
  counts: { rows: number; new: number; existing: number; duplicate: number; error: number };
}

const FILE = 'file';

/** Looks at a file and says, row by row, what an import would do. Writes nothing. */
export async function previewMemberImport(db: Executor, input: { csvBytes: Uint8Array; mapping?: ImportMapping | null }, deps: Pick<Deps, 'clock'>): Promise<ImportPreview> {
  return analyzeImport(db, input.csvBytes, input.mapping ?? null, berlinToday(deps.clock.now()));
}

export interface ImportResult {
  sha256: string;
  created: number;
  existing: number;
  duplicate: number;
  members: { id: number; member_number: number | null; line: number }[];
}

/**
 * Imports the file: every new row becomes a member, in this one transaction, or nothing does.
 * Refused (422, each row's errors as `rows.<line>.<field>`) while any row or the mapping has an
 * error. The caller opens the transaction.
 */
export async function commitMemberImport(
  trx: Executor,
  input: { csvBytes: Uint8Array; mapping: ImportMapping; actor: Actor },
  deps: Pick<Deps, 'clock'>,
): Promise<ImportResult> {
  await lockMemberImports(trx);
  const now = deps.clock.now();
  const preview = await analyzeImport(trx, input.csvBytes, input.mapping, berlinToday(now));
  const errors = [
    ...preview.fileErrors,
    ...preview.rows.flatMap((r) => r.errors.map((e) => ({ field: `rows.${r.line}.${e.field}`, message: e.message }))),
  ];
  if (errors.length) {
    throw validationError(
      errors,
      msg(
        `Der Import enthält Fehler (${preview.counts.error} Zeile(n)); es wurde nichts gespeichert.`,
        `The import has errors (${preview.counts.error} row(s)); nothing was saved.`,
      ),
    );
  }
  const fresh = preview.rows.filter((r) => r.outcome === 'new');
  const maxFileNumber = fresh.reduce((max, r) => Math.max(max, r.memberNumber ?? 0), 0);
  if (maxFileNumber > 0) await advanceMemberNumberSequence(trx, maxFileNumber);
  const needNumber = fresh.filter((r) => r.memberNumber === null && r.member!.status !== 'applicant');
  const drawn = await drawMemberNumbers(trx, needNumber.length);
  const numberOf = new Map<ImportRow, number | null>(fresh.map((r) => [r, r.memberNumber]));
  needNumber.forEach((r, i) => numberOf.set(r, drawn[i]!));

  // Payers first (rows paying for themselves), then those paid by a member of either kind.
  const payerIds = new Map<number, number>();
  if (fresh.some((r) => r.payerNumber !== null)) {
    for (const m of await membersForImportMatching(trx)) if (m.member_number !== null) payerIds.set(m.member_number, m.id);
  }
  const created: { row: ImportRow; member: Awaited<ReturnType<typeof insertMembersBatch>>[number] }[] = [];
  for (const phase of [fresh.filter((r) => r.payerNumber === null), fresh.filter((r) => r.payerNumber !== null)]) {
    if (!phase.length) continue;
    const values = phase.map((r) => {
      const payerId = r.payerNumber === null ? undefined : payerIds.get(r.payerNumber);
      if (r.payerNumber !== null && payerId === undefined) throw new Error(`payer ${r.payerNumber} of line ${r.line} vanished`);
      return { ...memberValues({ ...r.member!, payer_member_id: payerId }), member_number: numberOf.get(r) ?? null };
    });
    const rows = await insertMembersBatch(trx, values, now).catch((error: unknown) => {
      // A member number of the file taken by someone who saved a member during the import.
      if ((error as { code?: string }).code === '23505') {
        throw new AppError(
          'conflict',
          msg('Während des Imports wurde eine der Mitgliedsnummern vergeben. Es wurde nichts gespeichert; bitte die Vorschau neu laden.', 'A member number of the file was taken during the import. Nothing was saved; please reload the preview.'),
        );
      }
      throw error;
    });
    rows.forEach((member, i) => {
      created.push({ row: phase[i]!, member });
      if (member.member_number !== null) payerIds.set(member.member_number, member.id);
    });
  }
  await writeAuditMany(
    trx,
    created.map(({ row, member }) => ({
      actor: input.actor,
      action: 'member.imported',
      entity: 'member',
      entityId: member.id,
      after: { ...member, import: { file_sha256: preview.sha256, line: row.line } },
    })),
    deps,
  );
  await writeAudit(
    trx,
    {
      actor: input.actor,
      action: 'member_import.committed',
      entity: 'member_import',
      entityId: preview.sha256,
      after: { file_sha256: preview.sha256, encoding: preview.encoding, rows: preview.counts.rows, created: created.length, existing: preview.counts.existing, duplicate: preview.counts.duplicate },
    },
    deps,
  );
  return {
    sha256: preview.sha256,
    created: created.length,
    existing: preview.counts.existing,
    duplicate: preview.counts.duplicate,
    members: created.map(({ row, member }) => ({ id: member.id, member_number: member.member_number, line: row.line })),
  };
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

// ---------------------------------------------------------------------------------------------

type ExistingMember = Awaited<ReturnType<typeof membersForImportMatching>>[number];
type TypeRow = Awaited<ReturnType<typeof membershipTypesForImport>>[number];

/** Who a row is, as far as recognising it again goes. */
interface Identity {
  number: number | null;
  nameKey: string;
  birth: string | null;
  email: string | null;
}

function normName(s: string) {
  return s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Same person: the same member number when both have one; otherwise the same name, unless a
 * birth date or an e-mail known on both sides differs.
 */
function samePerson(a: Identity, b: Identity): boolean {
  if (a.number !== null && b.number !== null) return a.number === b.number;
  if (a.nameKey !== b.nameKey) return false;
  if (a.birth && b.birth && a.birth !== b.birth) return false;
  if (a.email && b.email && a.email !== b.email) return false;
  return true;
}
/** Same name and a matching birth date or e-mail: the same person even under another number. */
function surelySamePerson(a: Identity, b: Identity): boolean {
  return a.nameKey === b.nameKey && ((!!a.birth && a.birth === b.birth) || (!!a.email && a.email === b.email));
}

function existingIdentity(m: ExistingMember): Identity {
  return { number: m.member_number, nameKey: `${normName(m.first_name)}|${normName(m.last_name)}`, birth: m.birth_date, email: m.email?.toLowerCase() ?? null };
}

const STATUS_WORDS: Record<string, MemberInput['status']> = {
  aktiv: 'active', active: 'active', mitglied: 'active', ordentlich: 'active',
  antrag: 'applicant', beantragt: 'applicant', bewerber: 'applicant', bewerbung: 'applicant', applicant: 'applicant', aufnahmeantrag: 'applicant',
  ausgetreten: 'left', ehemalig: 'left', gekuendigt: 'left', left: 'left', former: 'left',
  verstorben: 'deceased', deceased: 'deceased',
};
const PAYMENT_WORDS: Record<string, MemberInput['payment_method']> = {
  sepadebit: 'sepa_debit', sepalastschrift: 'sepa_debit', lastschrift: 'sepa_debit', sepa: 'sepa_debit', einzug: 'sepa_debit', bankeinzug: 'sepa_debit', directdebit: 'sepa_debit', debit: 'sepa_debit',
  transfer: 'transfer', ueberweisung: 'transfer', banktransfer: 'transfer', dauerauftrag: 'transfer',
  card: 'card', karte: 'card', kreditkarte: 'card', creditcard: 'card',
};
const YES = new Set(['ja', 'j', 'yes', 'y', 'x', '1', 'true', 'wahr', 'ermaessigt']);
const NO = new Set(['nein', 'n', 'no', '0', 'false', 'falsch', '']);
const LANGUAGE_WORDS: Record<string, MemberInput['language']> = {
  de: 'de', deutsch: 'de', german: 'de', en: 'en', englisch: 'en', english: 'en', ar: 'ar', arabisch: 'ar', arabic: 'ar', tr: 'tr', tuerkisch: 'tr', turkish: 'tr', turkce: 'tr',
};
const COUNTRY_WORDS: Record<string, string> = { d: 'DE', deutschland: 'DE', germany: 'DE', oesterreich: 'AT', austria: 'AT', schweiz: 'CH', switzerland: 'CH' };

const DATE_FIELDS = ['birth_date', 'join_date', 'exit_date', 'consent_newsletter_on', 'consent_photos_on'] as const;

function dateError(value: string, reason: 'format' | 'two_digit_year' | 'no_such_day'): Msg {
  if (reason === 'no_such_day') return msg(`Dieses Datum gibt es nicht: „${value}“`, `No such date: “${value}”`);
  if (reason === 'two_digit_year') return msg(`Jahr bitte vierstellig angeben (TT.MM.JJJJ): „${value}“`, `Please give a four-digit year (DD.MM.YYYY): “${value}”`);
  return msg(`Datum als TT.MM.JJJJ oder JJJJ-MM-TT angeben, nicht „${value}“`, `Give the date as DD.MM.YYYY or YYYY-MM-DD, not “${value}”`);
}

const PROBLEM_MESSAGES = {
  unclosed_quote: msg(
    'Die Zeile ist nicht lesbar: ein Anführungszeichen wird nicht geschlossen.',
    'The line cannot be read: a quotation mark is not closed.',
  ),
  text_after_quote: msg(
    'Die Zeile ist nicht lesbar: nach einem schließenden Anführungszeichen folgt weiterer Text.',
    'The line cannot be read: text follows a closing quotation mark.',
  ),
} as const;

async function analyzeImport(db: Executor, csvBytes: Uint8Array, requested: ImportMapping | null, today: string): Promise<ImportPreview> {
  const sha256 = await sha256Hex(csvBytes);
  const kind = binaryKind(csvBytes);
  if (kind) {
    const fileError =
      kind === 'binary'
        ? msg('Das ist keine Textdatei. Bitte eine CSV-Datei hochladen.', 'This is not a text file. Please upload a CSV file.')
        : msg(
            'Das ist eine Excel-Arbeitsmappe, keine CSV-Datei. In Excel „Datei → Speichern unter → CSV UTF-8 (durch Trennzeichen getrennt)“ wählen und diese Datei hochladen.',
            'This is an Excel workbook, not a CSV file. In Excel choose “File → Save as → CSV UTF-8 (comma delimited)” and upload that file.',
          );
    return { sha256, encoding: 'utf-8', delimiter: ';', header: [], sample: [], mapping: [], fileErrors: [{ field: FILE, message: fileError }], rows: [], counts: { rows: 0, new: 0, existing: 0, duplicate: 0, error: 0 } };
  }
  const table = readCsvTable(csvBytes);
  const fileErrors: FieldError[] = [];
  if (!table.header.length) fileErrors.push({ field: FILE, message: msg('Die Datei ist leer.', 'The file is empty.') });
  else if (!table.rows.length && !table.problems.length) {
    fileErrors.push({ field: FILE, message: msg('Die Datei enthält nur die Kopfzeile, keine Mitglieder.', 'The file holds only the header line, no members.') });
  }
  const mapping = requested && requested.length === table.header.length ? requested : proposeMapping(table.header);
  const columnsOf = new Map<ImportField, number[]>();
  mapping.forEach((f, i) => f && columnsOf.set(f, [...(columnsOf.get(f) ?? []), i]));
  for (const [field, cols] of columnsOf) {
    if (cols.length > 1) {
      const names = cols.map((c) => `„${table.header[c]}“`).join(', ');
      fileErrors.push({
        field: 'mapping',
        message: msg(`„${IMPORT_FIELD_LABELS[field].de}“ ist mehreren Spalten zugeordnet: ${names}.`, `“${IMPORT_FIELD_LABELS[field].en}” is assigned to several columns: ${names}.`),
      });
    }
  }
  if (table.header.length) {
    for (const field of REQUIRED_IMPORT_FIELDS) {
      if (!columnsOf.has(field)) {
        fileErrors.push({
          field: 'mapping',
          message: msg(`Keine Spalte ist „${IMPORT_FIELD_LABELS[field].de}“ zugeordnet.`, `No column is assigned to “${IMPORT_FIELD_LABELS[field].en}”.`),
        });
      }
    }
  }

  const [types, existing] = await Promise.all([membershipTypesForImport(db), membersForImportMatching(db)]);
  const typeByName = new Map(types.map((t) => [normName(t.name), t]));
  const typeNames = types
    .map((t) => t.name)
    .sort((a, b) => a.localeCompare(b, 'de'))
    .join(', ');
  const existingByNumber = new Map<number, ExistingMember>();
  const existingByName = new Map<string, ExistingMember[]>();
  for (const m of existing) {
    if (m.member_number !== null) existingByNumber.set(m.member_number, m);
    const key = existingIdentity(m).nameKey;
    existingByName.set(key, [...(existingByName.get(key) ?? []), m]);
  }

  const col = (field: ImportField) => columnsOf.get(field)?.[0];
  const rows: ImportRow[] = table.problems.map((p) => ({
    line: p.line,
    outcome: 'error' as const,
    label: '',
    member: null,
    memberNumber: null,
    payerNumber: null,
    typeName: null,
    existing: null,
    duplicateOf: null,
    errors: [
      {
        field: 'line',
        message:
          p.kind === 'field_count'
            ? msg(
                `Die Zeile hat ${p.found} Felder, die Kopfzeile ${p.expected}. (Ein „${table.delimiter === '\t' ? 'Tab' : table.delimiter}“ in einem Wert ohne Anführungszeichen?)`,
                `The line has ${p.found} fields, the header ${p.expected}. (A “${table.delimiter === '\t' ? 'tab' : table.delimiter}” inside a value without quotes?)`,
              )
            : PROBLEM_MESSAGES[p.kind],
      },
    ],
  }));

  // In-file identities of the rows read so far, by name, to find repeats.
  const seenByName = new Map<string, { identity: Identity; row: ImportRow; values: string }[]>();
  const seenByNumber = new Map<number, { identity: Identity; row: ImportRow; values: string }>();

  for (const record of table.rows) {
    const raw = (field: ImportField) => {
      const i = col(field);
      return i === undefined ? '' : undoFormulaGuard(record.fields[i]!.trim());
    };
    const errors: FieldError[] = [];
    const fail = (field: ImportField, message: Msg) => errors.push({ field, message });

    const numberText = raw('member_number');
    let memberNumber: number | null = null;
    if (numberText) {
      if (/^\d{1,9}$/.test(numberText) && Number(numberText) > 0) memberNumber = Number(numberText);
      else fail('member_number', msg(`Mitgliedsnummer ist keine ganze Zahl: „${numberText}“`, `Member number is not a whole number: “${numberText}”`));
    }
    const payerText = raw('payer_member_number');
    let payerNumber: number | null = null;
    if (payerText) {
      if (/^\d{1,9}$/.test(payerText) && Number(payerText) > 0) payerNumber = Number(payerText);
      else fail('payer_member_number', msg(`Keine Mitgliedsnummer: „${payerText}“`, `Not a member number: “${payerText}”`));
    }

    const dates: Partial<Record<(typeof DATE_FIELDS)[number], string>> = {};
    for (const field of DATE_FIELDS) {
      const value = raw(field);
      if (!value) continue;
      const parsed = parseGermanDate(value);
      if (parsed.ok) dates[field] = parsed.date;
      else fail(field, dateError(value, parsed.reason));
    }

    const statusText = raw('status');
    let status: MemberInput['status'] | undefined;
    if (statusText) {
      status = STATUS_WORDS[headerKey(statusText)];
      if (!status) fail('status', msg(`Unbekannter Status „${statusText}“ (aktiv, Antrag, ausgetreten, verstorben)`, `Unknown status “${statusText}” (active, applicant, left, deceased)`));
    } else {
      // Lists often carry an exit date but no status column: a member with an exit date has left.
      status = dates.exit_date ? 'left' : 'active';
    }

    const methodText = raw('payment_method');
    let payment_method: MemberInput['payment_method'] = 'transfer';
    if (methodText) {
      const m = PAYMENT_WORDS[headerKey(methodText)];
      if (m) payment_method = m;
      else fail('payment_method', msg(`Unbekannte Zahlungsweise „${methodText}“ (Lastschrift, Überweisung, Karte)`, `Unknown payment method “${methodText}” (direct debit, transfer, card)`));
    }

    const reducedText = raw('reduced_fee');
    let reduced: boolean | undefined;
    if (reducedText) {
      const key = headerKey(reducedText);
      if (YES.has(key)) reduced = true;
      else if (NO.has(key)) reduced = false;
      else fail('reduced_fee', msg(`„Ermäßigt“ mit ja oder nein angeben, nicht „${reducedText}“`, `Give “reduced” as yes or no, not “${reducedText}”`));
    }

    const typeText = raw('membership_type');
    let type: TypeRow | undefined;
    if (!typeText) fail('membership_type', msg('Beitragsart fehlt', 'Membership type missing'));
    else {
      type = typeByName.get(normName(typeText));
      if (!type) {
        fail(
          'membership_type',
          msg(`Beitragsart „${typeText}“ gibt es nicht (vorhanden: ${typeNames || 'keine'}).`, `Membership type “${typeText}” does not exist (there are: ${typeNames || 'none'}).`),
        );
      }
    }

    const feeText = raw('fee');
    if (feeText && type) {
      const cents = parseAmount(feeText);
      if (cents === null) fail('fee', msg(`Betrag wie 12,50 angeben, nicht „${feeText}“`, `Give an amount like 12.50, not “${feeText}”`));
      else {
        const full = cents === type.fee_cents;
        const cut = type.reduced_fee_cents !== null && cents === type.reduced_fee_cents;
        const fits = reduced === undefined ? full || cut : reduced ? cut : full;
        if (!fits) {
          const fees = type.reduced_fee_cents !== null ? `${formatEuro(type.fee_cents)} / ${formatEuro(type.reduced_fee_cents)}` : formatEuro(type.fee_cents);
          fail('fee', msg(`Beitrag ${formatEuro(cents)} passt nicht zu „${type.name}“ (${fees}).`, `Fee ${formatEuro(cents)} does not fit “${type.name}” (${fees}).`));
        } else if (reduced === undefined) {
          reduced = !full && cut;
        }
      }
    }

    const countryText = raw('country');
    const country = countryText ? (COUNTRY_WORDS[headerKey(countryText)] ?? countryText) : 'DE';
    let postal = raw('postal_code');
    // Excel drops the leading zero of "01067" (Dresden) when it takes the column for a number.
    if (country.toUpperCase() === 'DE' && /^\d{4}$/.test(postal)) postal = `0${postal}`;
    const languageText = raw('language');
    let language: MemberInput['language'] = 'de';
    if (languageText) {
      const l = LANGUAGE_WORDS[headerKey(languageText)];
      if (l) language = l;
      else fail('language', msg(`Unbekannte Sprache „${languageText}“ (Deutsch, Englisch, Arabisch, Türkisch)`, `Unknown language “${languageText}” (German, English, Arabic, Turkish)`));
    }
    const street = [raw('street'), raw('house_number')].filter(Boolean).join(' ');

    const schemaInput: Record<string, unknown> = {
      first_name: raw('first_name'),
      last_name: raw('last_name'),
      street,
      postal_code: postal,
      city: raw('city'),
      country,
      email: raw('email'),
      phone: raw('phone'),
      ...dates,
      status: status ?? 'active',
      membership_type_id: type?.id ?? 0,
      reduced_fee: reduced ?? false,
      payment_method,
      notes: raw('notes'),
      language,
    };
    let member: MemberInput | null = null;
    const parsed = memberSchema.safeParse(schemaInput);
    const alreadyFailed = new Set(errors.map((e) => e.field));
    if (parsed.success) member = parsed.data;
    else {
      for (const e of zodFieldErrors(parsed.error, schemaInput)) {
        const field = e.field === 'membership_type_id' ? 'membership_type' : e.field;
        // A field whose text could not be read already has its error; the schema would only repeat it ("Eintrittsdatum fehlt").
        const dependent = (field === 'join_date' || field === 'exit_date' || field === 'status') && (alreadyFailed.has('join_date') || alreadyFailed.has('exit_date') || alreadyFailed.has('status'));
        if (!alreadyFailed.has(field) && !dependent) errors.push({ field, message: e.message });
      }
    }
    if (member && type) errors.push(...memberRuleErrors(member, type, today));

    const first = raw('first_name');
    const last = raw('last_name');
    const identity: Identity = {
      number: memberNumber,
      nameKey: `${normName(first)}|${normName(last)}`,
      birth: dates.birth_date ?? null,
      email: raw('email').toLowerCase() || null,
    };
    const row: ImportRow = {
      line: record.line,
      outcome: errors.length ? 'error' : 'new',
      label: [last, first].filter(Boolean).join(', '),
      member: errors.length ? null : member,
      memberNumber,
      payerNumber,
      typeName: type?.name ?? null,
      existing: null,
      duplicateOf: null,
      errors,
    };
    rows.push(row);
    if (!first && !last) continue;

    // Already in the database? Then nothing is written for the row, whatever else it says.
    const byNumber = memberNumber !== null ? existingByNumber.get(memberNumber) : undefined;
    if (byNumber) {
      if (existingIdentity(byNumber).nameKey === identity.nameKey) {
        Object.assign(row, { outcome: 'existing', member: null, errors: [], existing: { id: byNumber.id, member_number: byNumber.member_number } });
      } else {
        row.outcome = 'error';
        row.member = null;
        errors.push({
          field: 'member_number',
          message: msg(`Die Nummer ${memberNumber} hat schon ${byNumber.first_name} ${byNumber.last_name}.`, `Number ${memberNumber} already belongs to ${byNumber.first_name} ${byNumber.last_name}.`),
        });
      }
      continue;
    }
    const sameName = existingByName.get(identity.nameKey) ?? [];
    const match = sameName.find((m) => samePerson(identity, existingIdentity(m)));
    if (match) {
      Object.assign(row, { outcome: 'existing', member: null, errors: [], existing: { id: match.id, member_number: match.member_number } });
      continue;
    }
    const renumbered = memberNumber !== null ? sameName.find((m) => surelySamePerson(identity, existingIdentity(m))) : undefined;
    if (renumbered) {
      row.outcome = 'error';
      row.member = null;
      errors.push({
        field: 'member_number',
        message: msg(
          `${first} ${last} gibt es schon mit der Nummer ${renumbered.member_number ?? '–'} (gleicher Name, gleiches Geburtsdatum oder gleiche E-Mail).`,
          `${first} ${last} already exists with number ${renumbered.member_number ?? '–'} (same name, same birth date or e-mail).`,
        ),
      });
      continue;
    }

    // Twice in the file? The very same values again are a duplicate to skip; anything else is an error.
    const values = JSON.stringify(mapping.map((f, i) => (f ? record.fields[i]!.trim() : '')));
    const earlier =
      (memberNumber !== null ? seenByNumber.get(memberNumber) : undefined) ??
      (seenByName.get(identity.nameKey) ?? []).find((s) => samePerson(identity, s.identity));
    if (earlier) {
      if (earlier.values === values) {
        Object.assign(row, { outcome: 'duplicate', member: null, errors: [], duplicateOf: earlier.row.line });
      } else {
        row.outcome = 'error';
        row.member = null;
        errors.push({
          field: memberNumber !== null && earlier.identity.number === memberNumber ? 'member_number' : 'last_name',
          message:
            memberNumber !== null && earlier.identity.number === memberNumber
              ? msg(`Die Nummer ${memberNumber} steht schon in Zeile ${earlier.row.line}.`, `Number ${memberNumber} is already in line ${earlier.row.line}.`)
              : msg(
                  `Dieselbe Person wie in Zeile ${earlier.row.line}, aber mit anderen Angaben. Sind es zwei Personen, bitte Geburtsdatum oder E-Mail ergänzen.`,
                  `The same person as in line ${earlier.row.line}, but with other details. If they are two people, please add a birth date or e-mail.`,
                ),
        });
      }
      continue;
    }
    const seen = { identity, row, values };
    if (memberNumber !== null) seenByNumber.set(memberNumber, seen);
    seenByName.set(identity.nameKey, [...(seenByName.get(identity.nameKey) ?? []), seen]);
  }

  // Payers: a member of the database or a new row of this file with that number, active and paying for themselves.
  const newByNumber = new Map<number, ImportRow>();
  for (const r of rows) if (r.memberNumber !== null && (r.outcome === 'new' || r.outcome === 'error') && !newByNumber.has(r.memberNumber)) newByNumber.set(r.memberNumber, r);
  for (const r of rows) {
    if (r.outcome !== 'new' || r.payerNumber === null) continue;
    const fail = (de: string, en: string) => {
      r.errors.push({ field: 'payer_member_number', message: msg(de, en) });
      r.outcome = 'error';
      r.member = null;
    };
    if (r.payerNumber === r.memberNumber) {
      fail('Ein Mitglied kann nicht für sich selbst über „Zahlt über“ zahlen.', 'A member cannot be its own payer.');
      continue;
    }
    const inDb = existingByNumber.get(r.payerNumber);
    const inFile = inDb ? undefined : newByNumber.get(r.payerNumber);
    if (inDb) {
      if (inDb.payer_member_id !== null) fail('Das zahlende Mitglied wird selbst von jemand anderem bezahlt.', 'The paying member is paid for by someone else.');
      else if (inDb.status !== 'active') fail('Das zahlende Mitglied ist nicht aktiv.', 'The paying member is not active.');
    } else if (inFile) {
      if (inFile.outcome === 'error') fail(`Das zahlende Mitglied (Zeile ${inFile.line}) hat selbst Fehler.`, `The paying member (line ${inFile.line}) has errors itself.`);
      else if (inFile.payerNumber !== null) fail('Das zahlende Mitglied wird selbst von jemand anderem bezahlt.', 'The paying member is paid for by someone else.');
      else if (inFile.member?.status !== 'active') fail('Das zahlende Mitglied ist nicht aktiv.', 'The paying member is not active.');
    } else {
      fail(`Kein Mitglied mit der Nummer ${r.payerNumber} (weder gespeichert noch in der Datei).`, `No member with number ${r.payerNumber} (neither stored nor in the file).`);
    }
  }

  rows.sort((a, b) => a.line - b.line);
  const count = (o: ImportRow['outcome']) => rows.filter((r) => r.outcome === o).length;
  return {
    sha256,
    encoding: table.encoding,
    delimiter: table.delimiter,
    header: table.header,
    sample: table.header.map((_, i) => table.rows[0]?.fields[i]?.trim() ?? ''),
    mapping,
    fileErrors,
    rows,
    counts: { rows: rows.length, new: count('new'), existing: count('existing'), duplicate: count('duplicate'), error: count('error') },
  };
}

/**
 * The rules of checkMemberRules (member-rules.ts) that a new row can break, without its
 * per-row queries (10,000 rows would cost 10,000 lookups of the same few types): the type's
 * reduced fee, no dates in the future, no birth date before 1900. The payer rules are checked
 * above against the database and the file together. tests/api/member-import.test.ts compares
 * both on the same records, so the two cannot drift apart unnoticed.
 */
export function memberRuleErrors(input: MemberInput, type: { name: string; reduced_fee_cents: number | null }, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (input.reduced_fee && type.reduced_fee_cents === null) {
    errors.push({ field: 'reduced_fee', message: msg(`„${type.name}“ hat keinen ermäßigten Beitrag.`, `“${type.name}” has no reduced fee.`) });
  }
  for (const field of ['birth_date', 'join_date', 'consent_newsletter_on', 'consent_photos_on'] as const) {
    const value = input[field];
    if (value && value > today) errors.push({ field, message: msg('Das Datum liegt in der Zukunft.', 'The date is in the future.') });
  }
  if (input.birth_date && input.birth_date < '1900-01-01') errors.push({ field: 'birth_date', message: msg('Geburtsdatum vor 1900?', 'Birth date before 1900?') });
  return errors;
}
