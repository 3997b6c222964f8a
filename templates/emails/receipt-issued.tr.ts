import { mail } from './layout';
import type { ReceiptIssuedVars } from './index';

export default (v: ReceiptIssuedVars) =>
  mail(
    `${v.number} numaralı bağış makbuzunuz – ${v.association}`,
    [
      `Merhaba ${v.name},`,
      v.replaces
        ? `${v.total} tutarındaki (${v.period}) ${v.number} numaralı bağış makbuzunu (Zuwendungsbestätigung) ekte bulabilirsiniz. Bu makbuz ${v.replaces} numaralı makbuzun yerine geçer; lütfen o makbuzu artık kullanmayın.`
        : `Vergi beyannameniz için ${v.total} tutarındaki (${v.period}) ${v.number} numaralı bağış makbuzunuzu (Zuwendungsbestätigung) ekte bulabilirsiniz.`,
      'Lütfen PDF dosyasını yazdırıp saklayın; vergi dairesi isteyebilir. Makbuzun kendisi, yasanın gerektirdiği gibi Almancadır.',
      ...(v.portalLink ? ['Makbuzu ayrıca her zaman portalınızda bulabilirsiniz:', v.portalLink] : []),
    ],
    v.association,
  );
