import { mail } from './layout';
import type { PortalLoginVars } from './index';

export default (v: PortalLoginVars) =>
  mail(
    `Üye portalı giriş bağlantınız – ${v.association}`,
    [
      `Merhaba ${v.name},`,
      `bu bağlantıyla ${v.association} üye portalına giriş yaparsınız. Bağlantı ${v.minutes} dakika geçerlidir ve yalnızca bir kez kullanılabilir:`,
      v.link,
      'Bağlantı istemediyseniz bu e-postayı dikkate almayın; bağlantı olmadan kimse giriş yapamaz.',
    ],
    v.association,
  );
