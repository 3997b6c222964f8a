import { epcPayload, epcQrPng } from '../../api/lib/epc-qr';
import type { Association } from '../../db/schema';

/** The Verwendungszweck of a transfer: German, as the treasurer reads the bank statement. */
export function transferText(purposeNameDe: string | null): string {
  return purposeNameDe ? `Spende ${purposeNameDe}` : 'Spende';
}

/**
 * The EPC-QR code of a donation by transfer, as a PNG data: URL for an <img> (the page's CSP
 * allows data: images, not inline SVG styles). Without an amount the banking app asks for one:
 * EPC069-12 lets the amount element stay empty, which epcPayload does not offer, so the payload
 * is built with a placeholder amount and that one element is emptied (its position stays).
 */
export async function transferQrDataUrl(association: Pick<Association, 'name' | 'iban' | 'bic'>, amountCents: number | null, text: string): Promise<string | null> {
  let payload: string;
  try {
    payload = epcPayload({ name: association.name, iban: association.iban, bic: association.bic, amountCents: amountCents ?? 1, purpose: 'CHAR', text });
  } catch {
    return null; // an account no SEPA transfer can reach: the page shows the details without a code
  }
  if (amountCents === null) {
    const elements = payload.split('\n');
    elements[7] = '';
    payload = elements.join('\n');
  }
  const png = await epcQrPng(payload);
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}
