/**
 * pain.008 (SEPA-Basislastschrift, SEPA Core direct debit) files for the association's bank,
 * per shared/spec/sepa.md §2–§9. Pure: input in, XML text out.
 *
 * The ISO XSDs are far more permissive than the scheme (they accept 60.001 €, spaces in a
 * Mandatsreferenz, 140-character names — spec §4.1), so every EPC/DK rule the bank checks is
 * checked here first, and all problems are reported together in one SepaInputError.
 *
 * Written by hand rather than with the npm `sepa` package: that package keeps amounts as euro
 * floats and sums the CtrlSum with float addition (DESIGN.md: money is integer cents), does not
 * transliterate (it only refuses characters outside the SEPA set, §4.2), and has no mandate
 * amendments (§7.3).
 */
import { isCreditorId, normalizeCreditorId } from './creditor-id';
import { berlinToday, isIsoDate } from './dates';
import { isIban, isSepaIban, maskIban, normalizeBic, normalizeIban, isBic } from './iban';
import { formatEuro } from './money';
import type { FeeInterval } from '../../db/schema';
import { intervalOf, periodsLabel, type Period } from './periods';
import { mandateReferenceIssue, remittanceInfo, sepaIdentifierIssue, sepaNameOrNull, sepaText, type SepaTextIssue } from './sepa-text';

export type Pain008Version = '001.08' | '001.02';

/** FRST is optional since Nov 2016 and equivalent to RCUR (spec §8.1); RPRE is for banks only. */
export type SepaSequenceType = 'FRST' | 'RCUR' | 'OOFF' | 'FNAL';

/** What changed since the last collection on this mandate (spec §7.3); sent once, on the next debit. */
export interface SepaMandateAmendment {
  /** The member changed account at the same bank: the old IBAN. */
  originalIban?: string;
  /** The Mandatsreferenz changed: the old reference. */
  originalMandateReference?: string;
  /** The member moved the account to another bank ("SMNDA", same mandate new debtor agent). */
  sameMandateNewDebtorAgent?: boolean;
}

export interface SepaDebit {
  /** Shown to the member on the statement and returned with every R-transaction: the matching key. */
  endToEndId: string;
  amountCents: number;
  /** Mandatsreferenz (mandate reference). */
  mandateReference: string;
  mandateSignedOn: string;
  sequenceType: SepaSequenceType;
  /** Fälligkeitsdatum (due date), 'YYYY-MM-DD'. */
  dueDate: string;
  /** The account holder, not necessarily the member (a parent may pay for a child). */
  debtorName: string;
  debtorIban: string;
  debtorBic?: string | null;
  /** Verwendungszweck (remittance information); transliterated and cut to 140 characters. */
  remittance: string;
  amendment?: SepaMandateAmendment;
}

export interface Pain008Input {
  messageId: string;
  createdAt: Date;
  creditor: {
    name: string;
    iban: string;
    bic?: string | null;
    /** Gläubiger-Identifikationsnummer (SEPA creditor identifier, spec §6). */
    creditorId: string;
  };
  debits: ReadonlyArray<SepaDebit>;
  /**
   * true (default): one Sammelbuchung (single credit for the whole batch) on the association's
   * statement, itemised in camt.054; false: one statement line per debit (spec §3 notes).
   */
  batchBooking?: boolean;
}

/** One PmtInf block, kept so the bank's Sammler credit can later be matched by PmtInfId or sum (spec §11). */
export interface Pain008PaymentInfo {
  pmtInfId: string;
  sequenceType: SepaSequenceType;
  dueDate: string;
  nbOfTxs: number;
  ctrlSumCents: number;
  endToEndIds: string[];
}

export interface Pain008Result {
  xml: string;
  nbOfTxs: number;
  ctrlSumCents: number;
  paymentInfos: Pain008PaymentInfo[];
}

/** A claim as the Verwendungszweck of the debit that collects it names it. */
export interface RemittanceClaim {
  label: string;
  kind: 'dues' | 'fee';
  prorated: boolean;
  periodStart: string;
  periodEnd: string;
  /** How the member the claim is for is named: the member number (or the record id without one). */
  member: string;
}

const DUES_PREFIX = 'Mitgliedsbeitrag ';

/**
 * The Verwendungszweck (RmtInf/Ustrd) of one debit for several claims, short enough for the
 * 140 characters EPC allows (spec §5) and readable on a bank statement: consecutive periods as a
 * range, per member, then any fees — "Mitgliedsbeitrag 01-12/2026 Mitgl. 123",
 * "Mitgliedsbeitrag 2026 Mitgl. 7, 2026 Mitgl. 8, Rücklastschriftgebühr AM04 (…)". Members in
 * the order of their first claim. When even that is too long, it names the count and points to
 * the pre-notification, which lists every claim (spec §8.3).
 */
export function debitRemittance(claims: readonly RemittanceClaim[], debtor: string): string {
  const members = new Map<string, RemittanceClaim[]>();
  const fees: string[] = [];
  for (const c of claims) {
    if (c.kind === 'fee') fees.push(c.label);
    else {
      const list = members.get(c.member);
      if (list) list.push(c);
      else members.set(c.member, [c]);
    }
  }
  const dues = [...members].map(([member, list]) => {
    const byInterval = new Map<FeeInterval, Period[]>();
    const others: string[] = [];
    for (const c of list) {
      const period = { start: c.periodStart, end: c.periodEnd };
      const interval = c.prorated ? null : intervalOf(period);
      if (interval) {
        const periods = byInterval.get(interval);
        if (periods) periods.push(period);
        else byInterval.set(interval, [period]);
      } else others.push(c.label.startsWith(DUES_PREFIX) ? c.label.slice(DUES_PREFIX.length) : c.label);
    }
    const parts = [...[...byInterval].map(([interval, periods]) => periodsLabel(interval, periods)), ...others];
    return `${parts.join(', ')} Mitgl. ${member}`;
  });
  const full = [...(dues.length ? [`${DUES_PREFIX}${dues.join(', ')}`] : []), ...fees].join(', ');
  // Plain SEPA characters stay as they are; anything else may grow when transliterated (ü → ue).
  const fits = full.length <= 140 && /^[A-Za-z0-9 ':?,\-(+.)/]*$/.test(full) ? true : sepaText(full, 1000, 'remittance').length <= 140;
  if (fits) return full;
  const what = dues.length ? (fees.length ? 'Mitgliedsbeitrag und Gebühren' : 'Mitgliedsbeitrag') : 'Gebühren';
  return `${what}: ${claims.length} Posten laut Vorabankündigung, Mitgl. ${debtor}`;
}

export interface SepaInputProblem {
  /** Where in the input, e.g. "debits[2].mandateReference". */
  path: string;
  message: SepaTextIssue;
}

/** Everything wrong with one input, so the treasurer fixes all of it in one go. */
export class SepaInputError extends Error {
  readonly problems: SepaInputProblem[];

  constructor(problems: SepaInputProblem[]) {
    super(`SEPA-Lastschriftdatei kann nicht erstellt werden: ${problems.map((i) => i.message.de).join('; ')}`);
    this.name = 'SepaInputError';
    this.problems = problems;
  }
}

/** EPC/DK amount range (spec §4): 0.01 … 999999999.99 EUR. */
const MAX_AMOUNT_CENTS = 99_999_999_999;
const SEQUENCE_TYPES: readonly SepaSequenceType[] = ['FRST', 'RCUR', 'OOFF', 'FNAL'];

/**
 * EEA countries (EU + IS, LI, NO). For SEPA countries outside it (CH, GB, MC, SM, AD, VA …) the
 * BIC is still mandatory (spec §9.3).
 */
const EEA = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU',
  'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
]);

/** The XSD patterns differ: .02 `BICIdentifier` is stricter than .08 `BICFIDec2014Identifier` (spec §2.1). */
const BIC_PATTERN: Record<Pain008Version, RegExp> = {
  '001.02': /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/,
  '001.08': /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/,
};

interface CheckedDebit {
  index: number;
  endToEndId: string;
  amountCents: number;
  mandateReference: string;
  mandateSignedOn: string;
  sequenceType: SepaSequenceType;
  dueDate: string;
  debtorName: string;
  debtorIban: string;
  debtorBic: string | null;
  remittance: string;
  amendment: { originalIban: string | null; originalMandateReference: string | null; newDebtorAgent: boolean } | null;
}

/** Words of the SEPA character set, one space apart, nothing around: what transliteration leaves as it is. */
const PLAIN_SEPA_TEXT = /^[A-Za-z0-9':?,\-(+.)/]+(?: [A-Za-z0-9':?,\-(+.)/]+)*$/;

/**
 * `transliterate(text, max)`, skipped where it could not change anything: names and
 * Verwendungszwecke mostly arrive plain already, and 10⁴ Unicode normalisations add up.
 */
function plainOr<T extends string | null>(text: string, max: number, transliterate: (text: string, max: number) => T): T | string {
  return text.length <= max && PLAIN_SEPA_TEXT.test(text) && /[A-Za-z]/.test(text) ? text : transliterate(text, max);
}

export function buildPain008(input: Pain008Input, version: Pain008Version = '001.08'): Pain008Result {
  if (version !== '001.08' && version !== '001.02') throw new RangeError(`unsupported pain.008 version ${String(version)}`);
  const issues: SepaInputProblem[] = [];
  const issue = (path: string, de: string, en: string) => issues.push({ path, message: { de, en } });

  const msgIdProblem = sepaIdentifierIssue(input.messageId, { de: 'Die Nachrichten-ID (MsgId)', en: 'The message id (MsgId)' });
  if (msgIdProblem) issue('messageId', msgIdProblem.de, msgIdProblem.en);

  const createdValid = input.createdAt instanceof Date && !Number.isNaN(input.createdAt.getTime());
  if (!createdValid) issue('createdAt', 'Das Erstellungsdatum ist kein gültiger Zeitpunkt', 'The creation time is not a valid date');
  const createdOn = createdValid ? berlinToday(input.createdAt) : null;

  const creditorName = sepaNameOrNull(input.creditor.name, 70);
  if (creditorName === null) {
    issue('creditor.name', 'Der Name des Vereins enthält keine lateinischen Buchstaben', 'The association name contains no Latin letters');
  }
  const creditorIban = normalizeIban(input.creditor.iban);
  if (!isSepaIban(creditorIban)) {
    issue('creditor.iban', `Die IBAN des Vereins ${maskIban(input.creditor.iban)} ist ungültig oder nicht im SEPA-Raum`, `The association's IBAN ${maskIban(input.creditor.iban)} is invalid or outside SEPA`);
  }
  const creditorBic = checkBic(input.creditor.bic, version, 'creditor.bic', { de: 'Die BIC des Vereins', en: "The association's BIC" }, issue);
  const creditorId = normalizeCreditorId(input.creditor.creditorId);
  if (!isCreditorId(creditorId)) {
    issue(
      'creditor.creditorId',
      `Die Gläubiger-ID „${input.creditor.creditorId}“ ist ungültig (Aufbau oder Prüfziffer falsch)`,
      `The creditor identifier "${input.creditor.creditorId}" is invalid (format or check digits)`,
    );
  }

  if (!Array.isArray(input.debits) || input.debits.length === 0) {
    issue('debits', 'Die Datei enthält keine Lastschrift', 'The file contains no direct debit');
  }

  // Thousands of debits share a handful of due and signature dates: each is checked once.
  const checkedDates = new Map<string, boolean>();
  const isDate = (value: string) => {
    let ok = checkedDates.get(value);
    if (ok === undefined) checkedDates.set(value, (ok = isIsoDate(value)));
    return ok;
  };
  const seenEndToEnd = new Map<string, number>();
  const debits: CheckedDebit[] = (input.debits ?? []).map((d, index) => checkDebit(d, index));

  // Name a debit the way the treasurer can find it: position in the run and its EndToEndId. Made
  // only when something is wrong: a collection has 10⁴ debits and usually nothing to say.
  function debitName(d: SepaDebit, index: number) {
    const ref = d.endToEndId ? ` (${d.endToEndId})` : '';
    return { de: `Lastschrift ${index + 1}${ref}`, en: `Debit ${index + 1}${ref}` };
  }
  function debitIssue(d: SepaDebit, index: number, field: string, msgDe: string, msgEn: string) {
    const { de, en } = debitName(d, index);
    issue(`debits[${index}].${field}`, `${de}: ${msgDe}`, `${en}: ${msgEn}`);
  }

  function checkDebit(d: SepaDebit, index: number): CheckedDebit {

    const e2e = sepaIdentifierIssue(d.endToEndId ?? '', { de: 'Die Ende-zu-Ende-Referenz', en: 'The end-to-end id' });
    if (e2e) debitIssue(d, index, 'endToEndId', e2e.de, e2e.en);
    const first = seenEndToEnd.get(d.endToEndId);
    if (first !== undefined) {
      debitIssue(d, index, 'endToEndId', `Die Ende-zu-Ende-Referenz ist schon bei Lastschrift ${first + 1} vergeben`, `The end-to-end id is already used by debit ${first + 1}`);
    } else {
      seenEndToEnd.set(d.endToEndId, index);
    }

    const cents = d.amountCents;
    if (typeof cents !== 'number' || !Number.isInteger(cents)) {
      debitIssue(d, index, 'amountCents', `Der Betrag muss in ganzen Cent angegeben sein (erhalten: ${String(cents)})`, `The amount must be a whole number of cents (got ${String(cents)})`);
    } else if (cents <= 0) {
      debitIssue(d, index, 'amountCents', `Der Betrag muss größer als 0 sein (erhalten: ${formatEuro(cents)})`, `The amount must be greater than zero (got ${cents} cents)`);
    } else if (cents > MAX_AMOUNT_CENTS) {
      debitIssue(d, index, 'amountCents', `Der Betrag ist höher als ${formatEuro(MAX_AMOUNT_CENTS)}`, `The amount exceeds EUR 999,999,999.99`);
    }

    const mandate = mandateReferenceIssue(d.mandateReference ?? '');
    if (mandate) debitIssue(d, index, 'mandateReference', `${mandate.de} („${d.mandateReference}“)`, `${mandate.en} ("${d.mandateReference}")`);

    if (!SEQUENCE_TYPES.includes(d.sequenceType)) {
      debitIssue(d, index, 'sequenceType', `Unbekannter Sequenztyp „${String(d.sequenceType)}“ (erlaubt: FRST, RCUR, OOFF, FNAL)`, `Unknown sequence type "${String(d.sequenceType)}" (allowed: FRST, RCUR, OOFF, FNAL)`);
    }

    const dueValid = typeof d.dueDate === 'string' && isDate(d.dueDate);
    if (!dueValid) {
      debitIssue(d, index, 'dueDate', `Das Fälligkeitsdatum „${String(d.dueDate)}“ ist kein Datum (JJJJ-MM-TT)`, `The due date "${String(d.dueDate)}" is not a date (YYYY-MM-DD)`);
    } else if (createdOn !== null && d.dueDate <= createdOn) {
      // CORE debits reach the bank at least one business day before the due date (spec §8.2);
      // a due date on or before the file's own date is refused by every bank.
      debitIssue(d, index, 'dueDate', `Das Fälligkeitsdatum ${d.dueDate} liegt nicht nach dem Erstellungstag ${createdOn}`, `The due date ${d.dueDate} is not after the creation day ${createdOn}`);
    }
    const signedValid = typeof d.mandateSignedOn === 'string' && isDate(d.mandateSignedOn);
    if (!signedValid) {
      debitIssue(d, index, 'mandateSignedOn', `Das Unterschriftsdatum des Mandats „${String(d.mandateSignedOn)}“ ist kein Datum (JJJJ-MM-TT)`, `The mandate signature date "${String(d.mandateSignedOn)}" is not a date (YYYY-MM-DD)`);
    } else if (createdOn !== null && d.mandateSignedOn > createdOn) {
      debitIssue(d, index, 'mandateSignedOn', `Das Mandat ist auf ${d.mandateSignedOn} datiert, also in der Zukunft`, `The mandate is dated ${d.mandateSignedOn}, which is in the future`);
    } else if (dueValid && d.mandateSignedOn > d.dueDate) {
      debitIssue(d, index, 'mandateSignedOn', 'Das Mandat wurde nach dem Fälligkeitsdatum unterschrieben', 'The mandate was signed after the due date');
    }

    const debtorName = plainOr(d.debtorName ?? '', 70, sepaNameOrNull);
    if (debtorName === null) {
      debitIssue(d, index, 
        'debtorName',
        'Der Name des Kontoinhabers enthält keine lateinischen Buchstaben – bitte so eintragen, wie die Bank ihn in lateinischer Schrift führt',
        "The account holder's name contains no Latin letters – enter it as the bank writes it in Latin letters",
      );
    }

    const debtorIban = normalizeIban(d.debtorIban ?? '');
    // The valid SEPA IBAN is the common case: checked once, the cause of a failure only then.
    const sepaIban = isSepaIban(debtorIban);
    const ibanOk = sepaIban || isIban(debtorIban);
    if (!ibanOk) {
      debitIssue(d, index, 'debtorIban', `Die IBAN ${maskIban(d.debtorIban ?? '')} ist ungültig`, `The IBAN ${maskIban(d.debtorIban ?? '')} is invalid`);
    } else if (!sepaIban) {
      debitIssue(d, index, 'debtorIban', `Die IBAN ${maskIban(debtorIban)} gehört zu einem Land außerhalb des SEPA-Raums – dort ist keine SEPA-Lastschrift möglich`, `The IBAN ${maskIban(debtorIban)} belongs to a country outside SEPA – no SEPA direct debit is possible there`);
    }
    const debtorBic = d.debtorBic ? checkBic(d.debtorBic, version, `debits[${index}].debtorBic`, { de: `${debitName(d, index).de}: Die BIC`, en: `${debitName(d, index).en}: The BIC` }, issue) : null;
    if (sepaIban && !EEA.has(debtorIban.slice(0, 2)) && debtorBic === null) {
      debitIssue(d, index, 'debtorBic', `Für Konten in ${debtorIban.slice(0, 2)} (SEPA, aber nicht EWR) ist die BIC Pflicht`, `For accounts in ${debtorIban.slice(0, 2)} (SEPA but not EEA) the BIC is mandatory`);
    }

    const remittance = plainOr(d.remittance ?? '', 140, (text, max) => remittanceInfo([text], max));
    if (remittance === '') {
      debitIssue(d, index, 'remittance', 'Der Verwendungszweck ist leer – das Mitglied muss die Abbuchung erkennen können', 'The remittance information is empty – the member must be able to recognise the debit');
    }

    let amendment: CheckedDebit['amendment'] = null;
    if (d.amendment !== undefined && d.amendment !== null) {
      const a = d.amendment;
      const originalIban = a.originalIban ? normalizeIban(a.originalIban) : null;
      const originalRef = a.originalMandateReference ?? null;
      const newAgent = a.sameMandateNewDebtorAgent === true;
      if (!originalIban && !originalRef && !newAgent) {
        debitIssue(d, index, 'amendment', 'Die Mandatsänderung nennt keine geänderte Angabe', 'The mandate amendment names nothing that changed');
      }
      if (a.originalIban && !isIban(originalIban ?? '')) {
        debitIssue(d, index, 'amendment.originalIban', `Die bisherige IBAN ${maskIban(a.originalIban)} ist ungültig`, `The original IBAN ${maskIban(a.originalIban)} is invalid`);
      } else if (originalIban && originalIban === debtorIban) {
        debitIssue(d, index, 'amendment.originalIban', 'Die bisherige IBAN ist gleich der neuen', 'The original IBAN equals the new one');
      }
      // EPC: the old IBAN is sent only for a new account at the same bank; a move to another bank is
      // announced with SMNDA alone. Both at once is contradictory, so refuse rather than guess.
      if (originalIban && newAgent) {
        debitIssue(d, index, 
          'amendment',
          'Entweder bisherige IBAN (neues Konto bei derselben Bank) oder „neue Bank“ (SMNDA) angeben, nicht beides',
          'Give either the original IBAN (new account at the same bank) or "new bank" (SMNDA), not both',
        );
      }
      if (originalRef !== null) {
        const refProblem = mandateReferenceIssue(originalRef);
        if (refProblem) {
          debitIssue(d, index, 'amendment.originalMandateReference', `Bisherige Mandatsreferenz: ${refProblem.de}`, `Original mandate reference: ${refProblem.en}`);
        } else if (originalRef.toUpperCase() === (d.mandateReference ?? '').toUpperCase()) {
          // References compare case-insensitively (spec §4), so "kw-1" → "KW-1" is no change.
          debitIssue(d, index, 'amendment.originalMandateReference', 'Die bisherige Mandatsreferenz ist gleich der neuen', 'The original mandate reference equals the new one');
        }
      }
      amendment = { originalIban, originalMandateReference: originalRef, newDebtorAgent: newAgent };
    }

    return {
      index,
      endToEndId: d.endToEndId,
      amountCents: cents,
      mandateReference: d.mandateReference,
      mandateSignedOn: d.mandateSignedOn,
      sequenceType: d.sequenceType,
      dueDate: d.dueDate,
      debtorName: debtorName ?? '',
      debtorIban,
      debtorBic,
      remittance,
      amendment,
    };
  }

  if (issues.length > 0) throw new SepaInputError(issues);

  // One PmtInf per (SeqTp, ReqdColltnDt) (spec §2.3); creditor account and CI are the same for the
  // whole file. Sorted, so the same debits always give the same PmtInfIds whatever their order.
  const groups = new Map<string, CheckedDebit[]>();
  for (const d of debits) {
    const key = `${d.dueDate}|${SEQUENCE_TYPES.indexOf(d.sequenceType)}`;
    const list = groups.get(key);
    if (list) list.push(d);
    else groups.set(key, [d]);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, list]) => list);

  const paymentInfos: Pain008PaymentInfo[] = ordered.map((list, i) => ({
    pmtInfId: paymentInfoId(input.messageId, i + 1),
    sequenceType: list[0].sequenceType,
    dueDate: list[0].dueDate,
    nbOfTxs: list.length,
    ctrlSumCents: sumCents(list.map((d) => d.amountCents)),
    endToEndIds: list.map((d) => d.endToEndId),
  }));
  const nbOfTxs = debits.length;
  const ctrlSumCents = sumCents(paymentInfos.map((p) => p.ctrlSumCents));

  const agent = (bic: string | null): XmlNode =>
    el('FinInstnId', [bic ? el(version === '001.08' ? 'BICFI' : 'BIC', bic) : el('Othr', [el('Id', 'NOTPROVIDED')])]);

  const transaction = (d: CheckedDebit): XmlNode =>
    el('DrctDbtTxInf', [
      el('PmtId', [el('EndToEndId', d.endToEndId)]),
      el('InstdAmt', centsToDecimal(d.amountCents), { Ccy: 'EUR' }),
      el('DrctDbtTx', [
        el('MndtRltdInf', [
          el('MndtId', d.mandateReference),
          el('DtOfSgntr', d.mandateSignedOn),
          // EPC/DK: always state whether the mandate changed (spec §2).
          el('AmdmntInd', d.amendment ? 'true' : 'false'),
          ...(d.amendment
            ? [
                el('AmdmntInfDtls', [
                  // XSD sequence: OrgnlMndtId, OrgnlCdtrSchmeId, …, OrgnlDbtrAcct, OrgnlDbtrAgt.
                  ...(d.amendment.originalMandateReference ? [el('OrgnlMndtId', d.amendment.originalMandateReference)] : []),
                  ...(d.amendment.originalIban ? [el('OrgnlDbtrAcct', [el('Id', [el('IBAN', d.amendment.originalIban)])])] : []),
                  ...(d.amendment.newDebtorAgent ? [el('OrgnlDbtrAgt', [el('FinInstnId', [el('Othr', [el('Id', 'SMNDA')])])])] : []),
                ]),
              ]
            : []),
        ]),
      ]),
      el('DbtrAgt', [agent(d.debtorBic)]),
      el('Dbtr', [el('Nm', d.debtorName)]),
      el('DbtrAcct', [el('Id', [el('IBAN', d.debtorIban)])]),
      el('RmtInf', [el('Ustrd', d.remittance)]),
    ]);

  const document = el(
    'Document',
    [
      el('CstmrDrctDbtInitn', [
        el('GrpHdr', [
          el('MsgId', input.messageId),
          el('CreDtTm', berlinDateTime(input.createdAt)),
          el('NbOfTxs', String(nbOfTxs)),
          el('CtrlSum', centsToDecimal(ctrlSumCents)),
          el('InitgPty', [el('Nm', creditorName ?? '')]),
        ]),
        ...ordered.map((list, i) => {
          const info = paymentInfos[i];
          return el('PmtInf', [
            el('PmtInfId', info.pmtInfId),
            el('PmtMtd', 'DD'),
            el('BtchBookg', input.batchBooking === false ? 'false' : 'true'),
            el('NbOfTxs', String(info.nbOfTxs)),
            el('CtrlSum', centsToDecimal(info.ctrlSumCents)),
            el('PmtTpInf', [
              el('SvcLvl', [el('Cd', 'SEPA')]),
              el('LclInstrm', [el('Cd', 'CORE')]),
              el('SeqTp', info.sequenceType),
            ]),
            el('ReqdColltnDt', info.dueDate),
            el('Cdtr', [el('Nm', creditorName ?? '')]),
            el('CdtrAcct', [el('Id', [el('IBAN', creditorIban)])]),
            el('CdtrAgt', [agent(creditorBic)]),
            el('ChrgBr', 'SLEV'),
            el('CdtrSchmeId', [
              el('Id', [el('PrvtId', [el('Othr', [el('Id', creditorId), el('SchmeNm', [el('Prtry', 'SEPA')])])])]),
            ]),
            each(list, transaction),
          ]);
        }),
      ]),
    ],
    { xmlns: `urn:iso:std:iso:20022:tech:xsd:pain.008.${version}`, 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance' },
  );

  // UTF-8 without BOM: the DK forbids a byte order mark (spec §3 notes).
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  render(document, 0, out);
  const xml = out.join('');
  return { xml, nbOfTxs, ctrlSumCents, paymentInfos };
}

function checkBic(
  raw: string | null | undefined,
  version: Pain008Version,
  path: string,
  what: { de: string; en: string },
  issue: (path: string, de: string, en: string) => void,
): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const bic = normalizeBic(raw);
  if (!isBic(bic) || !BIC_PATTERN[version].test(bic)) {
    issue(path, `${what.de} „${raw}“ ist ungültig`, `${what.en} "${raw}" is invalid`);
    return null;
  }
  return bic;
}

/**
 * PmtInfId = MsgId + "-" + block number: unique within the file by construction and, because MsgIds
 * are never reused, across files. A 35-character MsgId loses its tail to make room for the suffix.
 */
function paymentInfoId(messageId: string, n: number): string {
  const suffix = `-${n}`;
  return `${messageId.slice(0, 35 - suffix.length)}${suffix}`;
}

function sumCents(values: number[]): number {
  let total = 0;
  for (const v of values) total += v;
  // Integer addition is exact up to 2^53; a file anywhere near that is a bug, not a dues run.
  if (!Number.isSafeInteger(total)) throw new RangeError('control sum exceeds the safe integer range');
  return total;
}

/** 6000 -> "60.00", 5 -> "0.05": digits only, never through a float (DESIGN.md, spec §2.3). */
function centsToDecimal(cents: number): string {
  const digits = String(cents).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

const berlinParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** CreDtTm as in spec §2/§3: local (Berlin) time, "YYYY-MM-DDThh:mm:ss", no milliseconds. */
function berlinDateTime(at: Date): string {
  const p = Object.fromEntries(berlinParts.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

type XmlNode = { name: string; attrs: Record<string, string>; content: string | XmlNode[] } | XmlEach;

/** Elements made from a list only while rendering, each one garbage right after: no tree of 10⁵ nodes. */
type XmlEach = { each: readonly unknown[]; make: (item: never) => XmlNode };

function el(name: string, content: string | XmlNode[], attrs: Record<string, string> = {}): XmlNode {
  return { name, attrs, content };
}

function each<T>(items: readonly T[], make: (item: T) => XmlNode): XmlNode {
  return { each: items, make: make as (item: never) => XmlNode };
}

/**
 * Text is already restricted to the SEPA set, so escaping should never change it; it stays as
 * defence in depth (spec §4.2 step 5) in case a field ever skips transliteration.
 */
function escapeText(s: string): string {
  return /[&<>]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s;
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const PADS: string[] = [];
const pad = (depth: number) => (PADS[depth] ??= '  '.repeat(depth));

/** Into one array of pieces, joined once: a large collection is tens of thousands of elements. */
function render(node: XmlNode, depth: number, out: string[]): void {
  if ('each' in node) {
    for (const item of node.each) render(node.make(item as never), depth, out);
    return;
  }
  let attrs = '';
  for (const k in node.attrs) attrs += ` ${k}="${escapeAttr(node.attrs[k]!)}"`;
  if (typeof node.content === 'string') {
    out.push(`${pad(depth)}<${node.name}${attrs}>${escapeText(node.content)}</${node.name}>\n`);
    return;
  }
  out.push(`${pad(depth)}<${node.name}${attrs}>\n`);
  for (const child of node.content) render(child, depth + 1, out);
  out.push(`${pad(depth)}</${node.name}>\n`);
}
