/**
 * § 63 Abs. 5 AO: receipts may be issued only while the Freistellungsbescheid is at most 5 years
 * old, a § 60a Feststellung at most 3 years (shared/spec/zuwendungsbestaetigung.md). Returns the
 * last day on which a receipt may be issued.
 */
export function receiptsAllowedUntil(noticeKind: 'freistellungsbescheid' | 'feststellung_60a', noticeDate: string): string {
  const years = noticeKind === 'feststellung_60a' ? 3 : 5;
  const until = `${Number(noticeDate.slice(0, 4)) + years}${noticeDate.slice(4)}`;
  // 29 February + n years lands on 1 March in a non-leap year: keep it a real date.
  return until.endsWith('-02-29') && !isLeap(Number(until.slice(0, 4))) ? `${until.slice(0, 4)}-02-28` : until;
}

function isLeap(year: number) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
