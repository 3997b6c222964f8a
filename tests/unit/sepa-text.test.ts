import { describe, expect, it } from 'vitest';
import {
  isValidMandateReference,
  mandateReferenceFor,
  mandateReferenceIssue,
  remittanceInfo,
  sepaNameOrNull,
  sepaText,
} from '../../api/lib/sepa-text';

/** What DK banks accept without replacing or rejecting (shared/spec/sepa.md §4.2). */
const SEPA_SET = /^[A-Za-z0-9 ':?,\-(+.)/]*$/;

describe('sepaText: the examples of spec §4.2', () => {
  it.each([
    ['Jürgen Müller', 'Juergen Mueller'],
    ['Straße', 'Strasse'],
    ['Förderverein Grün & Blau e.V.', 'Foerderverein Gruen + Blau e.V.'],
    ['Beitrag 2025 – Q1', 'Beitrag 2025 - Q1'],
    ['ÄÖÜ äöü', 'AeOeUe aeoeue'],
  ])('%s -> %s', (input, expected) => expect(sepaText(input, 140)).toBe(expected));

  it('treats a decomposed umlaut (u + combining diaeresis) like ü, because it NFC-normalises first', () => {
    expect(sepaText('Ju\u0308rgen', 70)).toBe('Juergen');
  });

  it('writes "und" for & and "(at)" for @ in the Verwendungszweck variant', () => {
    expect(sepaText('Grün & Blau', 140, 'remittance')).toBe('Gruen und Blau');
    expect(sepaText('Spende A&B an info@verein.de', 140, 'remittance')).toBe('Spende A und B an info(at)verein.de');
    // In names @ is not in the set and becomes a gap.
    expect(sepaText('a@b', 70)).toBe('a b');
  });

  it('maps € to EUR, _ to -, typographic apostrophes to \'', () => {
    expect(sepaText('10 € Spende_2026', 140)).toBe('10 EUR Spende-2026');
    expect(sepaText('Seán O’Brien', 70)).toBe("Sean O'Brien");
  });

  it('turns every other character into a space, collapses whitespace and trims', () => {
    expect(sepaText('  Verein  "Hoffnung" ;  e.V.\t§1 ', 140)).toBe('Verein Hoffnung e.V. 1');
    expect(sepaText('<script>alert(1)</script>', 140)).toBe('script alert(1) /script');
    expect(sepaText('Fatma\u00A0Kaya 😀', 70)).toBe('Fatma Kaya');
  });
});

describe('sepaText: Turkish, Polish, Czech and other Latin names', () => {
  it.each([
    ['Şükrü Çağlayan Doğan', 'Suekrue Caglayan Dogan'],
    ['Işıl Yıldız', 'Isil Yildiz'],
    ['İbrahim Güneş', 'Ibrahim Guenes'],
    ['ŞĞÇ şğç İı', 'SGC sgc Ii'],
    ['Łukasz Wójcik-Żółć', 'Lukasz Wojcik-Zolc'],
    ['Małgorzata Świątek', 'Malgorzata Swiatek'],
    ['Jiří Dvořák Šťastný', 'Jiri Dvorak Stastny'],
    ['Ørsted Åse Æbelø', 'Oersted Aase Aebeloe'],
    ['Renée Müller-Lüdenscheidt', 'Renee Mueller-Luedenscheidt'],
    ['François Garçon', 'Francois Garcon'],
    ['Nguyễn Thị Hương', 'Nguyen Thi Huong'],
  ])('%s -> %s', (input, expected) => {
    const out = sepaText(input, 70);
    expect(out).toBe(expected);
    expect(out).toMatch(SEPA_SET);
  });
});

describe('sepaText: truncation', () => {
  it('cuts after transliteration, so an umlaut at the edge counts as two characters', () => {
    // "Müller" is 6 characters but "Mueller" 7: cutting before transliterating would give 7.
    expect(sepaText('Müller', 6)).toBe('Muelle');
    expect(sepaText('ü'.repeat(40), 70)).toHaveLength(70);
    expect(sepaText('ü'.repeat(40), 70)).toBe('ue'.repeat(35));
  });

  it('does not leave a trailing space at the cut', () => {
    expect(sepaText('Jürgen Müller', 8)).toBe('Juergen');
  });

  it('refuses a nonsensical maximum length', () => {
    expect(() => sepaText('x', 0)).toThrow(RangeError);
  });
});

describe('sepaNameOrNull', () => {
  it('is null for a name in Arabic script only, so the UI asks for the Latin spelling', () => {
    expect(sepaText('محمد الأحمد', 70)).toBe('');
    expect(sepaNameOrNull('محمد الأحمد')).toBeNull();
  });

  it('is null when only digits or punctuation would remain', () => {
    expect(sepaNameOrNull('١٢٣ 123 ...')).toBeNull();
    expect(sepaNameOrNull('   ')).toBeNull();
  });

  it('keeps the Latin part of a mixed name', () => {
    expect(sepaNameOrNull('Leyla محمد Yılmaz')).toBe('Leyla Yilmaz');
  });

  it('cuts at 70 characters by default, after transliteration', () => {
    const long = 'Förderverein für Geflüchtete und Menschen mit Migrationsgeschichte Süd e.V.';
    // 79 characters after transliteration (73 before): the 70th is a space, which is dropped.
    expect(sepaNameOrNull(long)).toBe('Foerderverein fuer Gefluechtete und Menschen mit Migrationsgeschichte');
    expect(sepaNameOrNull('Förderverein für Geflüchtete und Menschen mit Migrationsgeschichten e.V.')).toHaveLength(70);
  });
});

describe('Mandatsreferenz (spec §7.2)', () => {
  it.each(['KW-000123-01', 'MV-M0042-1', "A1'B:C?D,E-F(G+H.I)J/K", 'x', 'A'.repeat(35)])('%s is valid', (ref) =>
    expect(isValidMandateReference(ref)).toBe(true),
  );

  it.each([
    ['KW 000123 01', 'space (DK schema)'],
    ['KW-000123-01 ', 'trailing space'],
    ['A'.repeat(36), '36 characters'],
    ['', 'empty'],
    ['KW//123', '"//"'],
    ['/KW-123', 'leading "/"'],
    ['KW-123/', 'trailing "/"'],
    ['KW-Müller', 'umlaut'],
    ['KW_123', 'underscore'],
    ['KW&1', 'ampersand'],
  ])('%s is invalid (%s)', (ref) => expect(isValidMandateReference(ref)).toBe(false));

  it('says in German and English what is wrong', () => {
    expect(mandateReferenceIssue('KW 1')?.de).toMatch(/Leerzeichen/);
    expect(mandateReferenceIssue('KW 1')?.en).toMatch(/spaces/);
    expect(mandateReferenceIssue('A'.repeat(36))?.de).toMatch(/36 Zeichen/);
    expect(mandateReferenceIssue('KW_1')?.de).toMatch(/„_“/);
  });

  it('generates KW-<member number, 6 digits>-<mandate number, 2 digits>', () => {
    expect(mandateReferenceFor(123)).toBe('KW-000123-01');
    expect(mandateReferenceFor(123, 2)).toBe('KW-000123-02');
    expect(mandateReferenceFor(1234567, 100)).toBe('KW-1234567-100');
    expect(isValidMandateReference(mandateReferenceFor(999_999_999_999, 99))).toBe(true);
  });

  it('refuses member numbers that are not positive integers', () => {
    expect(() => mandateReferenceFor(0)).toThrow(RangeError);
    expect(() => mandateReferenceFor(1.5)).toThrow(RangeError);
    expect(() => mandateReferenceFor(12, 0)).toThrow(RangeError);
  });
});

describe('remittanceInfo (Verwendungszweck, spec §5)', () => {
  it('joins the parts, leaves out empty ones and transliterates', () => {
    expect(remittanceInfo(['Mitgliedsbeitrag 2026', 'Mitglied', 123, null, undefined, '', 'Leyla Yılmaz'])).toBe(
      'Mitgliedsbeitrag 2026 Mitglied 123 Leyla Yilmaz',
    );
  });

  it('uses "und" for &', () => {
    expect(remittanceInfo(['Beitrag & Spende 2026'])).toBe('Beitrag und Spende 2026');
  });

  it('never exceeds 140 characters and keeps the leading parts', () => {
    const text = remittanceInfo(['Mitgliedsbeitrag 1. Quartal 2026 Mitgl.-Nr. 42', 'ü'.repeat(100)]);
    expect(text).toHaveLength(140);
    expect(text.startsWith('Mitgliedsbeitrag 1. Quartal 2026 Mitgl.-Nr. 42 ueue')).toBe(true);
    expect(text).toMatch(SEPA_SET);
  });
});
