import { FIRST_NAMES, LAST_NAMES, type Origin } from './names';
import type { Rng } from './random';

export interface Person {
  first: string;
  last: string;
  name: string;
}

const ORIGINS: readonly Origin[] = ['german', 'german', 'arabic', 'arabic', 'turkish'];

/** A name with first and last name from the same background, as most people have. */
export function person(rng: Rng): Person {
  const origin = rng.pick(ORIGINS);
  const first = rng.pick(FIRST_NAMES[origin]);
  const last = rng.pick(LAST_NAMES[origin]);
  return { first, last, name: `${first} ${last}` };
}

/** The name as a bank account holder, in the Latin letters a direct debit carries ('Ayşe' -> 'Ayse'). */
export function bankName(p: Person): string {
  return p.name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i');
}

/** 'Ayşe Öztürk' -> 'ayse.oeztuerk' (German umlauts spelled out, other accents dropped). */
export function mailbox(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9.-]+/g, '.');
}

/**
 * A unique address on a reserved example domain (RFC 2606): demo data must never mail a real
 * person, whatever the SMTP settings.
 */
export function uniqueEmail(p: Person, rng: Rng, taken: Set<string>): string {
  const domain = rng.pick(['example.org', 'example.com', 'example.net']);
  const base = mailbox(rng.chance(0.7) ? `${p.first}.${p.last}` : `${p.first[0]}${p.last}`);
  let email = `${base}@${domain}`;
  for (let n = 2; taken.has(email); n++) email = `${base}${n}@${domain}`;
  taken.add(email);
  return email;
}
