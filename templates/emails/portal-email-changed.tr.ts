import { mail } from './layout';
import type { PortalEmailChangedVars } from './index';

export default (v: PortalEmailChangedVars) =>
  mail(
    `E-posta adresiniz değiştirildi – ${v.association}`,
    [
      `Merhaba ${v.name},`,
      `${v.association} nezdindeki e-posta adresiniz artık ${v.newEmail} (önceden ${v.oldEmail}). Yeni adres, ona gönderdiğimiz bir bağlantıyla onaylandı; bundan sonra oraya yazacağız.`,
      `Bunu siz yapmadıysanız lütfen ${v.association} ile iletişime geçin.`,
    ],
    v.association,
  );
