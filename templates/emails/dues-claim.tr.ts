import { mail } from './layout';
import type { DuesClaimVars } from './index';

export default (v: DuesClaimVars) =>
  mail(
    `Üyelik aidatı: ödeme talebi – ${v.association}`,
    [
      `Merhaba ${v.name},`,
      'üyeliğiniz için teşekkür ederiz! Şu aidatların ödeme zamanı geldi:',
      v.lines.map((l) => `– ${l.label}${l.member ? ` (${l.member} için)` : ''} (son ödeme ${l.due}): ${l.amount}`).join('\n'),
      `Toplam: ${v.total}`,
      `Lütfen tutarı ${v.firstDue} tarihine kadar ${v.association}, IBAN ${v.iban}${v.bic ? `, BIC ${v.bic}` : ''} hesabına „${v.reference}“ açıklamasıyla havale edin. Bankacılık uygulamasıyla en hızlısı bu e-postadaki QR kodudur (GiroCode).`,
      ...(v.cardUrl ? ['Kartla ödemeyi mi tercih edersiniz? Bu bağlantıyla açık tutarı ödeme hizmetimiz Stripe üzerinden güvenle ödeyebilirsiniz:', v.cardUrl] : []),
      'Şu anda ödeyemiyorsanız lütfen bizimle konuşun – bir çözüm buluruz.',
    ],
    v.association,
    { image: { cid: v.qrCid, alt: 'GiroCode (havale için QR kodu)' } },
  );
