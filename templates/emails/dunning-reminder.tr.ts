import { mail } from './layout';
import type { DunningReminderVars } from './index';

const TITLE = ['', 'Ödeme hatırlatması', '2. ihtar', '3. ihtar'];

export default (v: DunningReminderVars) =>
  mail(
    `${TITLE[v.level]}: ödenmemiş aidatlar – ${v.association}`,
    [
      `Merhaba ${v.name},`,
      v.level === 1 ? 'gözünüzden kaçmış olabilir: aşağıdaki aidatlar henüz ödenmedi.' : 'hatırlatmamıza rağmen aşağıdaki tutarlar hâlâ açık:',
      v.lines.map((l) => `– ${l.label} (vade ${l.due}): ${l.amount}`).join('\n'),
      ...(v.fee ? [`İhtar ücreti: ${v.fee}`] : []),
      `Ödenecek tutar: ${v.total}`,
      `Lütfen ${v.association} hesabına havale edin: IBAN ${v.iban}, açıklama „${v.reference}“. Bankacılık uygulamasıyla en hızlısı bu e-postadaki QR kodudur (GiroCode).`,
      'Şu anda ödeme yapamıyorsanız lütfen bizimle konuşun – birlikte bir çözüm buluruz. Bu e-posta ödemenizle kesiştiyse lütfen dikkate almayın.',
    ],
    v.association,
    { image: v.qrCid ? { cid: v.qrCid, alt: 'GiroCode (havale için QR kodu)' } : undefined },
  );
