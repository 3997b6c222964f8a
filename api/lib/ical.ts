/**
 * A small iCalendar (RFC 5545) writer for the deadline feed: all-day events only, no I/O.
 * Written by hand rather than with ical-generator: the feed needs a dozen fixed lines, and the
 * three rules that matter (CRLF, text escaping, folding at 75 octets without cutting a UTF-8
 * character) fit in this file; tests read the output back with ical.js.
 */

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/**
 * One content line folded (RFC 5545 §3.1): no physical line longer than 75 octets; every
 * continuation starts with one space (which counts), and a multi-octet character stays whole.
 */
export function foldLine(line: string): string {
  if (utf8Length(line) <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const char of line) {
    const size = utf8Length(char);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation line
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** '2026-11-24' -> '20261124' (a DATE value). */
export function icalDate(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}

/** A moment as a UTC DATE-TIME: '20261124T100000Z'. */
export function icalUtc(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** '2026-11-24' -> '2026-11-25' */
function nextDay(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Europe/Berlin since 1996 (EU summer time: last Sunday of March to last Sunday of October). */
const BERLIN_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'X-LIC-LOCATION:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

export interface AllDayEvent {
  /** stable across feeds, so calendar apps update the event instead of adding a copy */
  uid: string;
  /** 'YYYY-MM-DD': the event covers this whole day */
  date: string;
  summary: string;
  description?: string | null;
  url?: string | null;
}

export interface Calendar {
  /** e.g. '-//Kassenwart//Förderfristen//DE' */
  prodId: string;
  name: string;
  /** when the feed was made: every event's DTSTAMP */
  stamp: Date;
  events: AllDayEvent[];
}

/** The whole calendar as text: CRLF line ends, escaped and folded, in the Europe/Berlin zone. */
export function writeCalendar(cal: Calendar): string {
  const stamp = icalUtc(cal.stamp);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${cal.prodId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    'X-WR-TIMEZONE:Europe/Berlin',
    // how often calendar apps should fetch again (Apple, Outlook; Google decides itself)
    'REFRESH-INTERVAL;VALUE=DURATION:PT6H',
    'X-PUBLISHED-TTL:PT6H',
    ...BERLIN_VTIMEZONE,
  ];
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icalDate(e.date)}`,
      `DTEND;VALUE=DATE:${icalDate(nextDay(e.date))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      // a URI value, not TEXT: commas and semicolons in it are not escaped
      ...(e.url ? [`URL:${e.url}`] : []),
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
