import type { AssociationInput } from '../../api/settings/schemas';

/** A complete, valid set of master data (the test factories and the benchmarks start from it). */
export const SAMPLE_ASSOCIATION: AssociationInput = {
  name: 'Laissez-passer e.V.',
  street: 'Oranienstraße 12',
  postal_code: '10997',
  city: 'Berlin',
  finanzamt: 'Finanzamt für Körperschaften I Berlin',
  steuernummer: '27/663/12345',
  notice_kind: 'freistellungsbescheid',
  notice_date: '2025-06-30',
  notice_year_from: 2022,
  notice_year_to: 2024,
  purposes: [
    {
      genitive: 'der Hilfe für politisch, rassistisch oder religiös Verfolgte und für Flüchtlinge',
      accusative: 'die Hilfe für politisch, rassistisch oder religiös Verfolgte und für Flüchtlinge',
    },
  ],
  iban: 'DE02120300000000202051',
  bic: 'BYLADEM1001',
  creditor_id: 'DE98ZZZ09999999999',
  signature_place: 'Berlin',
};
