import { mail } from './layout';
import type { ReceiptIssuedVars } from './index';

export default (v: ReceiptIssuedVars) =>
  mail(
    `Your donation receipt no. ${v.number} – ${v.association}`,
    [
      `Hello ${v.name},`,
      v.replaces
        ? `attached is the donation receipt (Zuwendungsbestätigung) no. ${v.number} for ${v.total} (${v.period}). It replaces receipt no. ${v.replaces}; please do not use that one any more.`
        : `attached is your donation receipt (Zuwendungsbestätigung) no. ${v.number} for ${v.total} (${v.period}) for your tax return.`,
      'Please print the PDF and keep it; the tax office may ask for it. The receipt itself is in German, as the law requires.',
      ...(v.portalLink ? ['You can also find it in your portal at any time:', v.portalLink] : []),
    ],
    v.association,
  );
