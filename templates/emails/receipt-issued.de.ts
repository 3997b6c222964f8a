import { mail } from './layout';
import type { ReceiptIssuedVars } from './index';

export default (v: ReceiptIssuedVars) =>
  mail(
    `Ihre Zuwendungsbestätigung Nr. ${v.number} – ${v.association}`,
    [
      `Guten Tag ${v.name},`,
      v.replaces
        ? `anbei erhalten Sie die Zuwendungsbestätigung Nr. ${v.number} über ${v.total} (${v.period}). Sie ersetzt die Bestätigung Nr. ${v.replaces}; bitte verwenden Sie diese nicht mehr.`
        : `anbei erhalten Sie die Zuwendungsbestätigung Nr. ${v.number} über ${v.total} (${v.period}) für Ihre Steuererklärung.`,
      'Bitte drucken Sie die PDF-Datei aus und bewahren Sie sie auf; das Finanzamt kann sie anfordern.',
      ...(v.portalLink ? ['Sie finden die Bestätigung auch jederzeit in Ihrem Portal:', v.portalLink] : []),
    ],
    v.association,
  );
