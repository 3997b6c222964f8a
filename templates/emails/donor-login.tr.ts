import { mail } from './layout';
import type { DonorLoginVars } from './index';

export default (v: DonorLoginVars) =>
  mail(
    `Bağış portalı giriş bağlantınız – ${v.association}`,
    [
      `Merhaba ${v.name},`,
      `bu bağlantıyla ${v.association} bağış portalına giriş yaparsınız; orada bağışlarınızı görür, aylık bağışınızı ve adresinizi değiştirebilirsiniz. Bağlantı ${v.minutes} dakika geçerlidir ve yalnızca bir kez kullanılabilir:`,
      v.link,
      'Bağlantı istemediyseniz bu e-postayı dikkate almayın; bağlantı olmadan kimse giriş yapamaz.',
    ],
    v.association,
  );
