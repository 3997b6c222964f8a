import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icalUtc, writeCalendar } from '../../api/lib/ical';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

describe('iCalendar writer (api/lib/ical.ts)', () => {
  it('escapes backslash, semicolon, comma and every kind of line break in TEXT', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeText('Zwischenbericht: Stiftung „Brücke“')).toBe('Zwischenbericht: Stiftung „Brücke“');
  });

  it('leaves a line of exactly 75 octets alone and folds one of 76', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('folds long lines at 75 octets (the leading space counted) and never cuts a UTF-8 character', () => {
    const line = `SUMMARY:${'Förderung für Geflüchtete – Mittelabruf € '.repeat(8)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(4);
    for (const [i, part] of physical.entries()) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
      // a cut character would show as U+FFFD after a round trip through bytes
      expect(Buffer.from(part, 'utf8').toString('utf8')).not.toContain('\uFFFD');
    }
    // unfolding gives the line back
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    // a line of three-octet characters: the fold falls between characters
    const euros = foldLine(`X:${'€'.repeat(40)}`);
    for (const part of euros.split('\r\n')) expect(octets(part)).toBeLessThanOrEqual(75);
    expect(euros.split('\r\n')[0]).toBe(`X:${'€'.repeat(24)}`); // 2 + 24·3 = 74, a 25th would make 77
  });

  it('writes UTC stamps and a calendar with CRLF only, that ical.js reads back with the same texts', () => {
    expect(icalUtc(new Date('2026-11-24T10:00:00.123Z'))).toBe('20261124T100000Z');
    const summary = 'Zwischenbericht: Beratung, Begleitung; Hilfe \\ Rat';
    const description = `Fördergeber: Stiftung Brücke\nNotiz: ${'sehr lange Notiz mit Umlauten äöü '.repeat(5)}`;
    const text = writeCalendar({
      prodId: '-//Kassenwart//Test//DE',
      name: 'Förderfristen – Verein, e.V.',
      stamp: new Date('2026-11-24T10:00:00Z'),
      events: [{ uid: 'deadline-1@example.org', date: '2026-12-31', summary, description, url: 'https://example.org/grants/1?a=1,2' }],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    const cal = new ICAL.Component(ICAL.parse(text));
    // X- properties are TEXT (RFC 5545 §3.8.8.2), escaped as such; ical.js hands unknown properties back raw
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Förderfristen – Verein\\, e.V.');
    const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe(summary);
    expect(event.description).toBe(description);
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2026-12-31');
    expect(event.endDate.toString()).toBe('2027-01-01'); // over the year's end
    expect(cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('url')).toBe('https://example.org/grants/1?a=1,2');
  });
});
