import { mail } from './layout';
import { proofParagraphs, type DonationThanksVars } from './donation-thanks.proof';

export default (v: DonationThanksVars) =>
  mail(
    v.monthly ? `Aylık bağışınız için teşekkürler – ${v.association}` : `Bağışınız için teşekkürler – ${v.association}`,
    [
      v.name ? `Merhaba ${v.name},` : 'Merhaba,',
      v.monthly
        ? `${v.amount} tutarındaki aylık bağışınız için çok teşekkür ederiz! İlk ödeme ${v.date} tarihinde bize ulaştı.`
        : `${v.date} tarihli ${v.amount} tutarındaki bağışınız için çok teşekkür ederiz!`,
      v.purpose ? `Bağışınız „${v.purpose}“ amacına kullanılacaktır.` : 'Bağışınızı en çok ihtiyaç duyulan yerde kullanacağız.',
      ...(v.monthly ? ['Gelen kutunuza her ay bir e-posta gelmemesi için size yalnızca bu bir kez – her ay için – teşekkür ediyoruz.'] : []),
      ...(v.tax === 'receipt'
        ? [v.monthly ? 'Vergi dairesi için bağış makbuzunu (Zuwendungsbestätigung) bir yılın tüm aylık bağışları için toplu olarak alacaksınız.' : 'Vergi dairesi için bağış makbuzunu (Zuwendungsbestätigung) ayrıca alacaksınız.']
        : v.tax === 'ask'
          ? ['Vergi dairesi için bir bağış makbuzuna (Zuwendungsbestätigung) ihtiyacınız varsa, bu e-postayı adınız ve adresinizle yanıtlamanız yeterli.']
          : []),
      ...(v.portalLink ? ['Bağışlarınızı bağışçı alanında görebilir, aylık bir bağışı değiştirebilir, duraklatabilir veya sonlandırabilirsiniz:', v.portalLink] : []),
      ...(v.proof ? ['Aşağıda Alman vergi dairesi için bağışınızın basitleştirilmiş belgesi yer almaktadır. Vergi dairesinin beklediği gibi Almancadır.', ...proofParagraphs(v.proof)] : []),
    ],
    v.association,
  );
