import { mail } from './layout';
import type { PortalEmailConfirmVars } from './index';

export default (v: PortalEmailConfirmVars) =>
  mail(
    `Lütfen yeni e-posta adresinizi onaylayın – ${v.association}`,
    [
      `Merhaba ${v.name},`,
      `${v.association} üye portalında bu adres (${v.newEmail}) yeni e-posta adresiniz olarak girildi. Bu bağlantıyla onaylarsınız; bağlantı ${v.hours} saat geçerlidir ve yalnızca bir kez kullanılabilir:`,
      v.link,
      'Siz onaylayana kadar önceki adresinize yazarız. Bunu siz yapmadıysanız bu e-postayı dikkate almayın.',
    ],
    v.association,
  );
