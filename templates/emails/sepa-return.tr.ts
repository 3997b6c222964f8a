import { mail } from './layout';
import type { SepaReturnVars } from './index';

export default (v: SepaReturnVars) =>
  mail(
    `Otomatik ödemeniz iade edildi – ${v.association}`,
    [
      `Merhaba ${v.name},`,
      `${v.dueDate} tarihli ${v.amount} tutarındaki otomatik ödeme talimatı (${v.label}) bankanız tarafından iade edildi. Neden: ${v.reason}.`,
      ...(v.fee ? [`Banka bunun için bizden ${v.fee} ücret aldı; bu tutarı size yansıtıyoruz.`] : []),
      v.mandateStopped
        ? 'Önceki talimat üzerinden artık tahsilat yapmayacağız. Lütfen açık tutarı havale edin veya bize yeni banka bilgilerinizi verin.'
        : 'Lütfen açık tutarı havale edin veya hesabınızda yeterli bakiye olmasını sağlayın; yeni bir tahsilattan önce size haber vereceğiz.',
      `Banka bilgileri: ${v.association}, IBAN ${v.iban}, açıklama: ${v.reference}`,
    ],
    v.association,
  );
