import { mail } from './layout';
import type { MembershipWelcomeVars } from './index';
import { PER_INTERVAL } from './words';

export default (v: MembershipWelcomeVars) =>
  mail(
    `${v.association} ailesine hoş geldiniz – üye numarası ${v.memberNumber}`,
    [
      `Merhaba ${v.name},`,
      `sizi aramızda görmekten mutluluk duyuyoruz: artık ${v.association} üyesisiniz. Üye numaranız ${v.memberNumber}, üyelik türünüz „${v.typeName}“ (${PER_INTERVAL.tr[v.interval]} ${v.fee}).`,
      ...(v.debit
        ? [
            `SEPA otomatik ödeme talimatınız şu andan itibaren geçerlidir. Talimat referansı: ${v.debit.reference} · alacaklı kimlik numarası: ${v.debit.creditorId} · hesap: ${v.debit.ibanMasked}`,
            ...(v.first ? [`İlk aidatı (${v.first.amount}) en erken ${v.first.date} tarihinde çekeceğiz; her çekimden önce tutar ve tarihi içeren bir bildirim alırsınız.`] : []),
          ]
        : []),
      ...(v.transfer && v.first
        ? [`İlk aidat (${v.first.amount}) ${v.first.date} tarihinde ödenmelidir. Lütfen ${v.association}, IBAN ${v.transfer.iban} hesabına „${v.transfer.reference}“ açıklamasıyla havale edin – ayrıca QR kodlu bir ödeme talebi de alacaksınız.`]
        : []),
      'Bilgilerinizi, aidatlarınızı ve ödemelerinizi üye alanında görebilir ve değiştirebilirsiniz (şifresiz, e-posta ile gönderilen bir bağlantıyla giriş):',
      v.portalLink,
    ],
    v.association,
  );
