/**
 * Text for SEPA files (shared/spec/sepa.md §4.2, §5, §7.2).
 *
 * German banks only guarantee the DK character set (DFÜ-Abkommen Anlage 3, "Zeichensatz"):
 * a–z A–Z 0–9 ' : ? , - ( + . ) / and space. Anything else may be replaced by the bank — or the
 * whole file is rejected. So every text we put into a pain.008 passes through sepaText() first,
 * and identifiers are checked against the restricted sets instead of being silently rewritten
 * (a changed Mandatsreferenz would be a different mandate).
 */

/** How `&` and `@` are spelled: "+" in names (spec §4.2), "und" / "(at)" in the Verwendungszweck. */
export type SepaTextVariant = 'name' | 'remittance';

/**
 * Letters that must be replaced before Unicode decomposition: German umlauts would otherwise lose
 * their "e" (ü → u instead of ue, which is how German banks and people write them), and the
 * others have no decomposition at all (ß, ø, ł, Turkish dotless ı …) and would become spaces.
 */
const LETTERS: Readonly<Record<string, string>> = {
  Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ẞ: 'SS',
  Å: 'Aa', å: 'aa', Æ: 'Ae', æ: 'ae', Ø: 'Oe', ø: 'oe', Œ: 'Oe', œ: 'oe',
  Þ: 'Th', þ: 'th', Ð: 'D', ð: 'd', Đ: 'D', đ: 'd', Ł: 'L', ł: 'l',
  ı: 'i', Ħ: 'H', ħ: 'h', Ŧ: 'T', ŧ: 't', Ŋ: 'N', ŋ: 'n', ĸ: 'k', Ə: 'E', ə: 'e', ſ: 's',
};

/**
 * Symbols replaced after compatibility decomposition, so full-width and other look-alike
 * forms (＆, ＿ …) are caught too. Dashes and typographic apostrophes keep their meaning
 * instead of turning into gaps ("Beitrag 2025 – Q1", "O’Brien").
 */
const SYMBOLS: Readonly<Record<string, string>> = {
  '€': 'EUR', _: '-',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u02BC': "'", '\u2032': "'", '`': "'", '\u00B4': "'",
  '\u2044': '/', // fraction slash, what NFKD makes of "½" → "1/2"
};

const NOT_PERMITTED = /[^A-Za-z0-9 ':?,\-(+.)/]/g;

/**
 * The generator rule of spec §4.2: NFC, transliterate, every other character → space, collapse
 * whitespace, trim — and only then cut to `maxLength`, because "ü" becomes two characters.
 * `variant` picks "+" (names) or "und" (Verwendungszweck, where "@" also becomes "(at)").
 */
export function sepaText(input: string, maxLength: number, variant: SepaTextVariant = 'name'): string {
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError(`maxLength must be a positive integer, got ${maxLength}`);
  // NFC first, so "u" + combining diaeresis is the letter ü and becomes "ue", not "u".
  let s = input.normalize('NFC');
  s = s.replace(/[^\x00-\x7F]/g, (ch) => LETTERS[ch] ?? ch);
  // Compatibility decomposition splits é into e + accent (and ﬁ into fi, Ａ into A); dropping the
  // combining marks leaves the base letter. Non-Latin letters survive this step and become spaces below.
  s = s.normalize('NFKD').replace(/\p{M}/gu, '');
  s = s.replace(/[^\x00-\x7F]|[_`]/g, (ch) => SYMBOLS[ch] ?? ch);
  s = s.replace(/&/g, variant === 'remittance' ? ' und ' : '+');
  if (variant === 'remittance') s = s.replace(/@/g, '(at)');
  s = s.replace(NOT_PERMITTED, ' ').replace(/ {2,}/g, ' ').trim();
  return s.slice(0, maxLength).trimEnd();
}

/**
 * A name as it may go into Dbtr/Nm, Cdtr/Nm (EPC: at most 70 characters), or null when nothing
 * readable is left — e.g. a name written only in Arabic script. The bank matches the account
 * holder's name loosely, but an empty or "?" name gets the debit returned; the UI then asks for the
 * name as the bank writes it in Latin letters.
 */
export function sepaNameOrNull(name: string, maxLength = 70): string | null {
  const text = sepaText(name, maxLength, 'name');
  return /[A-Za-z]/.test(text) ? text : null;
}

/** A problem with an identifier, in both staff languages; null when the identifier is fine. */
export type SepaTextIssue = { de: string; en: string };

function slashIssue(value: string, what: { de: string; en: string }): SepaTextIssue | null {
  // EPC Implementation Guidelines (spec §4, marked VERIFY): identifiers never start or end with "/"
  // and never contain "//" — "//" is a field separator in older interbank formats.
  if (value.startsWith('/') || value.endsWith('/')) {
    return { de: `${what.de} darf nicht mit „/“ beginnen oder enden`, en: `${what.en} must not start or end with "/"` };
  }
  if (value.includes('//')) return { de: `${what.de} darf kein „//“ enthalten`, en: `${what.en} must not contain "//"` };
  return null;
}

/**
 * Checks a Mandatsreferenz (mandate reference, spec §7.2): 1–35 characters from
 * A–Z a–z 0–9 ' : ? , - ( + . ) / — no space (the DK schema forbids it even where ISO allows it),
 * no leading/trailing "/" and no "//".
 */
export function mandateReferenceIssue(ref: string): SepaTextIssue | null {
  const what = { de: 'Die Mandatsreferenz', en: 'The mandate reference' };
  if (ref.length === 0) return { de: 'Die Mandatsreferenz fehlt', en: 'The mandate reference is missing' };
  if (ref.length > 35) {
    return { de: `Die Mandatsreferenz hat ${ref.length} Zeichen, erlaubt sind höchstens 35`, en: `The mandate reference has ${ref.length} characters, at most 35 are allowed` };
  }
  if (/\s/.test(ref)) return { de: 'Die Mandatsreferenz darf keine Leerzeichen enthalten', en: 'The mandate reference must not contain spaces' };
  const bad = ref.match(/[^A-Za-z0-9':?,\-(+.)/]/);
  if (bad) {
    return { de: `Die Mandatsreferenz enthält das unzulässige Zeichen „${bad[0]}“`, en: `The mandate reference contains the character "${bad[0]}", which is not allowed` };
  }
  return slashIssue(ref, what);
}

export function isValidMandateReference(ref: string): boolean {
  return mandateReferenceIssue(ref) === null;
}

/**
 * Checks MsgId, PmtInfId and EndToEndId (DK `RestrictedIdentificationSEPA1`): 1–35 characters from
 * the SEPA set, space allowed inside but not at the ends, and the slash rules of §4.
 */
export function sepaIdentifierIssue(id: string, what: { de: string; en: string }): SepaTextIssue | null {
  if (id.length === 0) return { de: `${what.de} fehlt`, en: `${what.en} is missing` };
  if (id.length > 35) {
    return { de: `${what.de} hat ${id.length} Zeichen, erlaubt sind höchstens 35`, en: `${what.en} has ${id.length} characters, at most 35 are allowed` };
  }
  if (id !== id.trim()) return { de: `${what.de} darf nicht mit Leerzeichen beginnen oder enden`, en: `${what.en} must not start or end with a space` };
  const bad = id.match(/[^A-Za-z0-9 ':?,\-(+.)/]/);
  if (bad) return { de: `${what.de} enthält das unzulässige Zeichen „${bad[0]}“`, en: `${what.en} contains the character "${bad[0]}", which is not allowed` };
  return slashIssue(id, what);
}

/**
 * The Mandatsreferenz Kassenwart gives a new mandate: "KW-000123-01".
 * - "KW" marks references issued by this system, so they never collide with ones a previous tool
 *   issued for the same creditor ID (references must be unique per creditor ID, spec §7.2);
 * - the member number, zero-padded to six digits, so references sort and read well on statements;
 * - the mandate's sequence number for that member, two digits: a new signature (new account
 *   holder, renewed mandate after 36 months unused) gets the next number, a reference is never reused.
 * Upper case and no spaces, because banks compare references case-insensitively and the DK schema
 * forbids spaces. Longer numbers simply get more digits; the result stays far below 35 characters.
 */
export function mandateReferenceFor(memberNumber: number, sequence = 1): string {
  if (!Number.isSafeInteger(memberNumber) || memberNumber < 1) throw new RangeError(`memberNumber must be a positive integer, got ${memberNumber}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  return `KW-${String(memberNumber).padStart(6, '0')}-${String(sequence).padStart(2, '0')}`;
}

/**
 * The Verwendungszweck (RmtInf/Ustrd, remittance information) from its parts, e.g.
 * ['Mitgliedsbeitrag 2026', 'Mitglied 123', 'Leyla Yılmaz'] → "Mitgliedsbeitrag 2026 Mitglied 123 Leyla Yilmaz".
 * Empty parts are left out. EPC allows one Ustrd of at most 140 characters (spec §5); put the parts
 * the member needs to recognise the debit first, because anything beyond 140 is cut off.
 */
export function remittanceInfo(parts: ReadonlyArray<string | number | null | undefined>, maxLength = 140): string {
  const joined = parts
    .filter((p): p is string | number => p !== null && p !== undefined && String(p).trim() !== '')
    .map((p) => String(p).trim())
    .join(' ');
  return sepaText(joined, maxLength, 'remittance');
}
