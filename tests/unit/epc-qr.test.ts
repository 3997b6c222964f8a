import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { epcPayload, EpcQrError, epcQrPng, epcQrSvg, type EpcInput } from '../../api/lib/epc-qr';

/**
 * EPC069-12 (EPC QR code / GiroCode), payload version 002. The QR images are read back with an
 * independent decoder (jsQR) from the pixels we ship, and the error correction level is read from
 * the symbol's own format information, not taken from the encoder's word.
 */

const CLAIM: EpcInput = {
  name: 'Laissez-passer e.V.',
  iban: 'DE02 1203 0000 0000 2020 51',
  amountCents: 6000,
  text: 'Mitgliedsbeitrag 2026 Mitglied 123 Leyla Yilmaz',
};

function failure(input: EpcInput): EpcQrError {
  try {
    epcPayload(input);
  } catch (e) {
    expect(e).toBeInstanceOf(EpcQrError);
    return e as EpcQrError;
  }
  throw new Error('epcPayload accepted an input it must refuse');
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('epcPayload', () => {
  it('writes a dues claim element by element (EPC069-12 order, LF, nothing after the last element)', () => {
    const payload = epcPayload(CLAIM);
    expect(payload.split('\n')).toEqual([
      'BCD', // service tag
      '002', // version
      '1', // character set: UTF-8
      'SCT', // SEPA credit transfer
      '', // BIC: optional in 002 for an EEA account
      'Laissez-passer e.V.',
      'DE02120300000000202051', // IBAN without print grouping
      'EUR60.00',
      '', // purpose code
      '', // structured creditor reference
      'Mitgliedsbeitrag 2026 Mitglied 123 Leyla Yilmaz',
      // beneficiary-to-originator information absent: no line, no separator
    ]);
    expect(payload).not.toMatch(/\r/);
    expect(payload.endsWith('\n')).toBe(false);
  });

  it('writes amounts from integer cents with a dot and two decimals', () => {
    const amount = (amountCents: number) => epcPayload({ ...CLAIM, amountCents }).split('\n')[7];
    expect(amount(1)).toBe('EUR0.01');
    expect(amount(10)).toBe('EUR0.10');
    expect(amount(1250)).toBe('EUR12.50');
    expect(amount(6000)).toBe('EUR60.00');
    expect(amount(29)).toBe('EUR0.29'); // 0.29 * 100 is 28.999… in floating point
    expect(amount(123_456_789)).toBe('EUR1234567.89'); // no thousands separator
    expect(amount(99_999_999_999)).toBe('EUR999999999.99'); // the largest amount the standard allows
  });

  it('refuses amounts outside 0.01 … 999 999 999.99 EUR or not in whole cents', () => {
    for (const amountCents of [0, -100, 12.5, Number.NaN, Number.POSITIVE_INFINITY, 100_000_000_000]) {
      const error = failure({ ...CLAIM, amountCents });
      expect(error.problems.map((p) => p.field)).toEqual(['amountCents']);
    }
    expect(failure({ ...CLAIM, amountCents: 0 }).message).toContain('mindestens 0,01 €');
  });

  it('keeps an umlaut in the name (UTF-8, character set 1) and trims and collapses white space', () => {
    const lines = epcPayload({ ...CLAIM, name: '  Förderverein   Grünau\n e.V. ' }).split('\n');
    expect(lines[2]).toBe('1');
    expect(lines[5]).toBe('Förderverein Grünau e.V.');
    // a line break inside the text would shift every following element
    expect(epcPayload({ ...CLAIM, text: 'Beitrag\r\n2026' }).split('\n')[10]).toBe('Beitrag 2026');
  });

  it('refuses an empty or too long name; the limit counts characters, not bytes', () => {
    expect(failure({ ...CLAIM, name: '   ' }).problems[0]).toMatchObject({ field: 'name' });
    expect(failure({ ...CLAIM, name: 'a'.repeat(71) }).problems[0].message.de).toContain('höchstens 70');
    expect(epcPayload({ ...CLAIM, name: 'ü'.repeat(70), text: 'x' }).split('\n')[5]).toBe('ü'.repeat(70));
    expect(failure({ ...CLAIM, name: 'Verein\u0000e.V.' }).problems[0]).toMatchObject({ field: 'name' });
  });

  it('refuses an invalid IBAN with a German and an English message', () => {
    const error = failure({ ...CLAIM, iban: 'DE02120300000000202052' }); // check digits do not match
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].field).toBe('iban');
    expect(error.problems[0].message.de).toBe('Die IBAN „DE02120300000000202052“ ist ungültig');
    expect(error.message).toContain('EPC-QR-Code kann nicht erstellt werden: Die IBAN „DE02120300000000202052“ ist ungültig');
    expect(error.message).toContain('The IBAN "DE02120300000000202052" is invalid');
  });

  it('writes a BIC when given and requires one outside the EEA', () => {
    expect(epcPayload({ ...CLAIM, bic: 'coba deff xxx' }).split('\n')[4]).toBe('COBADEFFXXX');
    expect(failure({ ...CLAIM, bic: 'NOT A BIC' }).problems[0].field).toBe('bic');
    expect(failure({ ...CLAIM, iban: 'CH93 0076 2011 6238 5295 7' }).problems[0].field).toBe('bic');
    expect(epcPayload({ ...CLAIM, iban: 'CH9300762011623852957', bic: 'UBSWCHZH80A' }).split('\n').slice(4, 7)).toEqual([
      'UBSWCHZH80A',
      'Laissez-passer e.V.',
      'CH9300762011623852957',
    ]);
  });

  it('writes a structured RF creditor reference in element 10 and then nothing', () => {
    const lines = epcPayload({ ...CLAIM, text: undefined, reference: 'rf18 5390 0754 7034' }).split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[9]).toBe('RF18539007547034');
    expect(failure({ ...CLAIM, text: undefined, reference: 'RF19539007547034' }).problems[0].field).toBe('reference');
  });

  it('refuses a reference and a text together', () => {
    const error = failure({ ...CLAIM, reference: 'RF18539007547034' });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].field).toBe('text');
    expect(error.message).toContain('Gläubigerreferenz und Verwendungszweck schließen sich aus');
  });

  it('limits the remittance text to 140 characters', () => {
    expect(epcPayload({ ...CLAIM, text: 'x'.repeat(140) }).split('\n')[10]).toHaveLength(140);
    expect(failure({ ...CLAIM, text: 'x'.repeat(141) }).problems[0]).toMatchObject({ field: 'text' });
  });

  it('writes the purpose code and the note to the payer in their own elements', () => {
    const lines = epcPayload({ ...CLAIM, purpose: 'char', text: undefined, info: 'Danke für Ihre Spende!' }).split('\n');
    expect(lines).toHaveLength(12);
    expect(lines.slice(8)).toEqual(['CHAR', '', '', 'Danke für Ihre Spende!']);
    expect(failure({ ...CLAIM, purpose: 'CHARITY' }).problems[0].field).toBe('purpose');
    expect(failure({ ...CLAIM, info: 'x'.repeat(71) }).problems[0].field).toBe('info');
  });

  it('accepts 331 bytes and refuses 332', () => {
    // 3+3+1+3+0 + 70 + 22 + 8 + 0+0 + 140 + 70 = 320 characters, plus 11 separators = 331
    const full = { ...CLAIM, name: 'N'.repeat(70), text: 'T'.repeat(140), info: 'I'.repeat(70) };
    expect(bytes(epcPayload(full))).toBe(331);
    const error = failure({ ...full, name: 'Ä' + 'N'.repeat(69) }); // 70 characters, 71 bytes
    expect(error.problems[0].field).toBe('payload');
    expect(error.message).toContain('332 Byte');
  });
});

/* ---------- reading the symbols back ---------- */

type Matrix = boolean[][]; // [row][column], true = dark

interface Scanned {
  matrix: Matrix; // without the quiet zone
  quietZone: number; // in modules
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
}

function fromPng(png: Uint8Array): Scanned {
  const image = PNG.sync.read(Buffer.from(png));
  const { width, height, data } = image;
  const dark = (x: number, y: number) => data[(y * width + x) * 4] < 128;
  // The first dark pixel is the top-left corner of the top-left finder pattern (7 modules wide).
  let x0 = -1;
  let y0 = -1;
  outer: for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (dark(x, y)) {
        x0 = x;
        y0 = y;
        break outer;
      }
    }
  }
  let run = 0;
  while (dark(x0 + run, y0)) run++;
  const scale = run / 7;
  expect(Number.isInteger(scale)).toBe(true);
  expect(x0).toBe(y0);
  const size = (width - 2 * x0) / scale;
  const matrix: Matrix = [];
  for (let r = 0; r < size; r++) {
    matrix.push([]);
    for (let c = 0; c < size; c++) matrix[r].push(dark(x0 + c * scale + scale / 2, y0 + r * scale + scale / 2));
  }
  // nothing dark in the quiet zone
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x < x0 || y < y0 || x >= width - x0 || y >= height - y0) expect(dark(x, y)).toBe(false);
    }
  }
  return { matrix, quietZone: x0 / scale, rgba: new Uint8ClampedArray(data), width, height };
}

/** Draws qrcode's SVG path ("M x y.5 h n m dx 0 …", one unit per module) back into modules. */
function fromSvg(svg: string): Scanned {
  const box = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  expect(box).not.toBeNull();
  const total = Number(box![1]);
  const grid: Matrix = Array.from({ length: total }, () => Array<boolean>(total).fill(false));
  const d = /<path[^>]*stroke="#000000"[^>]*\sd="([^"]+)"/.exec(svg);
  expect(d).not.toBeNull();
  let x = 0;
  let y = 0;
  for (const [, cmd, args] of d![1].matchAll(/([MmHhVvZz])([^MmHhVvZz]*)/g)) {
    const n = args.trim().split(/[\s,]+/).filter(Boolean).map(Number);
    if (cmd === 'M') [x, y] = n;
    else if (cmd === 'm') [x, y] = [x + n[0], y + n[1]];
    else if (cmd === 'h') {
      for (let i = 0; i < n[0]; i++) grid[Math.floor(y)][x + i] = true;
      x += n[0];
    } else throw new Error(`unexpected path command ${cmd}`);
  }
  let margin = 0;
  while (grid.every((row) => !row[margin]) && grid[margin].every((v) => !v)) margin++;
  const matrix = grid.slice(margin, total - margin).map((row) => row.slice(margin, total - margin));
  for (let r = 0; r < total; r++) {
    for (let c = 0; c < total; c++) {
      if (r < margin || c < margin || r >= total - margin || c >= total - margin) expect(grid[r][c]).toBe(false);
    }
  }
  // Rasterise at 4 px per module for the decoder.
  const scale = 4;
  const width = total * scale;
  const rgba = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let r = 0; r < total; r++) {
    for (let c = 0; c < total; c++) {
      if (!grid[r][c]) continue;
      for (let py = r * scale; py < (r + 1) * scale; py++) {
        for (let px = c * scale; px < (c + 1) * scale; px++) rgba.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3);
      }
    }
  }
  return { matrix, quietZone: margin, rgba, width, height: width };
}

/**
 * The error correction level from the symbol's two copies of the format information
 * (ISO/IEC 18004 §7.9): 15 bits, masked with 101010000010010, a BCH(15,5) code word whose first
 * two data bits are the level (L 01, M 00, Q 11, H 10).
 */
function errorCorrectionLevel(m: Matrix): 'L' | 'M' | 'Q' | 'H' {
  const n = m.length;
  const read = (cells: Array<[number, number]>) => cells.reduce((bits, [r, c]) => (bits << 1) | (m[r][c] ? 1 : 0), 0);
  const first: Array<[number, number]> = [];
  for (let c = 0; c <= 5; c++) first.push([8, c]);
  first.push([8, 7], [8, 8], [7, 8]);
  for (let r = 5; r >= 0; r--) first.push([r, 8]);
  const second: Array<[number, number]> = [];
  for (let r = n - 1; r >= n - 7; r--) second.push([r, 8]);
  for (let c = n - 8; c < n; c++) second.push([8, c]);
  const a = read(first) ^ 0b101010000010010;
  const b = read(second) ^ 0b101010000010010;
  expect(a).toBe(b);
  const data = a >> 10;
  let rem = data << 10;
  for (let bit = 14; bit >= 10; bit--) if (rem & (1 << bit)) rem ^= 0b10100110111 << (bit - 10);
  expect((data << 10) | rem).toBe(a); // a valid code word: we read the right modules
  return (['M', 'L', 'H', 'Q'] as const)[data >> 3];
}

function decode(scanned: Scanned) {
  const result = jsQR(scanned.rgba, scanned.width, scanned.height, { inversionAttempts: 'dontInvert' });
  expect(result).not.toBeNull();
  return result!;
}

const versionOf = (m: Matrix) => (m.length - 17) / 4;

describe('EPC QR images', () => {
  const workDir = mkdtempSync(path.join(tmpdir(), 'kassenwart-epc-'));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('SVG: well-formed, scalable, level M, quiet zone, and decodes to the exact payload', async () => {
    const payload = epcPayload({ ...CLAIM, name: 'Förderverein Grünau e.V.' });
    const svg = await epcQrSvg(payload);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    if (!spawnSync('xmllint', ['--version']).error) {
      const file = path.join(workDir, 'epc.svg');
      writeFileSync(file, svg, 'utf8');
      const run = spawnSync('xmllint', ['--noout', file], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
    }
    const scanned = fromSvg(svg);
    expect(scanned.quietZone).toBe(4);
    expect(errorCorrectionLevel(scanned.matrix)).toBe('M');
    const result = decode(scanned);
    expect(Buffer.from(result.binaryData).equals(Buffer.from(payload, 'utf8'))).toBe(true);
    expect(result.data).toBe(payload);
    expect(result.version).toBe(versionOf(scanned.matrix));
  });

  it('PNG: level M, version ≤ 13, quiet zone, and decodes to the exact payload', async () => {
    const payload = epcPayload(CLAIM);
    const png = await epcQrPng(payload);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const scanned = fromPng(png);
    expect(scanned.quietZone).toBe(4);
    expect(errorCorrectionLevel(scanned.matrix)).toBe('M');
    expect(versionOf(scanned.matrix)).toBeLessThanOrEqual(13);
    const result = decode(scanned);
    expect(Buffer.from(result.binaryData).toString('utf8')).toBe(payload);
  });

  it('a full 331-byte payload with umlauts still fits version 13 at level M and decodes', async () => {
    const base = {
      ...CLAIM,
      name: 'Förderverein für Begegnung, Beratung und Bildung Grünau-Süd e.V.',
      text: 'Spende für Beratung von Menschen mit Duldung – Mitglied 123 – Leyla Yılmaz – ' + 'ä'.repeat(40),
      info: 'Vielen Dank!',
    };
    const padding = 331 - bytes(epcPayload(base));
    expect(padding).toBeGreaterThan(0);
    const payload = epcPayload({ ...base, info: `${base.info} ${'x'.repeat(padding - 1)}` });
    expect(bytes(payload)).toBe(331);
    const scanned = fromPng(await epcQrPng(payload));
    expect(versionOf(scanned.matrix)).toBe(13);
    expect(errorCorrectionLevel(scanned.matrix)).toBe('M');
    expect(Buffer.from(decode(scanned).binaryData).toString('utf8')).toBe(payload);
  });

  it('refuses to draw something that is not an EPC payload', async () => {
    await expect(epcQrSvg('https://example.org')).rejects.toBeInstanceOf(EpcQrError);
    await expect(epcQrPng('BCD\n' + 'x'.repeat(330))).rejects.toBeInstanceOf(EpcQrError);
  });
});
