/**
 * Reason codes of returned direct debits (R-transactions) with the German label banks use and
 * what they mean for the mandate (shared/spec/sepa.md §12): closed account, no mandate or a
 * deceased payer stop the mandate; the others leave it for the treasurer to decide.
 */
export const RETURN_REASONS = {
  AC01: { de: 'IBAN fehlerhaft', stopsMandate: false },
  AC04: { de: 'Konto aufgelöst', stopsMandate: true },
  AC06: { de: 'Konto gesperrt', stopsMandate: false },
  AG01: { de: 'Lastschrift auf Kontoart nicht zulässig', stopsMandate: false },
  AM04: { de: 'Keine Deckung', stopsMandate: false },
  AM05: { de: 'Doppelte Einreichung', stopsMandate: false },
  MD01: { de: 'Kein Mandat / nicht autorisiert', stopsMandate: true },
  MD02: { de: 'Mandatsdaten fehlen oder fehlerhaft', stopsMandate: false },
  MD06: { de: 'Widerspruch / Erstattung durch den Zahler', stopsMandate: false },
  MD07: { de: 'Zahler verstorben', stopsMandate: true },
  MS02: { de: 'Rückgabe durch den Zahler ohne Angabe', stopsMandate: false },
  MS03: { de: 'Rückgabe durch die Bank ohne Angabe', stopsMandate: false },
  RC01: { de: 'BIC fehlerhaft', stopsMandate: false },
  SL01: { de: 'Lastschriftsperre beim Zahler', stopsMandate: false },
} as const;

export type ReturnReason = keyof typeof RETURN_REASONS;
export const RETURN_REASON_CODES = Object.keys(RETURN_REASONS) as ReturnReason[];
