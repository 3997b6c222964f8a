/**
 * Just enough of the Unicode bidirectional algorithm for one printed line: pdfkit has none
 * (shared/STACK.md). A text's direction is that of its first letter (rule P2); a line is cut
 * into runs of one direction — Arabic and Hebrew letters right-to-left; Latin letters, digits
 * and currency signs left-to-right (so "25,00 €" stays one number); spaces and punctuation join
 * the side they sit between, else the paragraph's — and the runs are put in visual order
 * (reversed in a right-to-left paragraph), brackets mirrored inside right-to-left runs. Such a
 * run is drawn with the font's 'rtla' feature, which lays its letters out from right to left.
 * No explicit embeddings: names, addresses, dates, amounts and mail subjects need none.
 */
export interface Run {
  text: string;
  rtl: boolean;
}

const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const LTR_LETTER = /\p{L}/u;
const LTR_RUN = /[\p{L}\p{N}\p{Sc}]/u;
const MIRRORED: Record<string, string> = { '(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«' };

/** A text's own direction, from its first letter (rule P2); null when it has none (a date, an amount). */
export function textDirectionIsRtl(text: string): boolean | null {
  for (const ch of text) {
    if (RTL_LETTER.test(ch)) return true;
    if (LTR_LETTER.test(ch)) return false;
  }
  return null;
}

export function visualRuns(line: string, rtlParagraph: boolean): Run[] {
  const chars = [...line];
  const strong = chars.map((ch) => (RTL_LETTER.test(ch) ? 'R' : LTR_RUN.test(ch) ? 'L' : null));
  const resolved = strong.map((dir, i) => {
    if (dir) return dir === 'R';
    let before: string | null = null;
    for (let j = i - 1; j >= 0 && !before; j--) before = strong[j]!;
    let after: string | null = null;
    for (let j = i + 1; j < chars.length && !after; j++) after = strong[j]!;
    return before !== null && before === after ? before === 'R' : rtlParagraph;
  });
  const runs: Run[] = [];
  chars.forEach((ch, i) => {
    const rtl = resolved[i]!;
    const glyph = rtl ? (MIRRORED[ch] ?? ch) : ch;
    const last = runs[runs.length - 1];
    if (last && last.rtl === rtl) last.text += glyph;
    else runs.push({ text: glyph, rtl });
  });
  return rtlParagraph ? runs.reverse() : runs;
}
