import { describe, expect, it } from 'vitest';
import { emailTemplates } from '../../templates/emails/index';

const dunning = {
  name: 'Leyla Yılmaz',
  association: 'Laissez-passer e.V.',
  level: 2,
  lines: [{ label: 'Mitgliedsbeitrag 2026', due: '01.01.2026', amount: '60,00 €' }],
  fee: '5,00 €',
  total: '65,00 €',
  iban: 'DE02 1203 0000 0000 2020 51',
  reference: 'Mitglied 12 Beitrag',
  qrCid: 'girocode',
};
const ret = { name: 'Omar Haddad', association: 'Laissez-passer e.V.', amount: '60,00 €', label: 'Mitgliedsbeitrag 2026', dueDate: '15.02.2026', reason: 'Keine Deckung (AM04)', fee: '3,50 €', mandateStopped: false, iban: 'DE02 1203 0000 0000 2020 51', reference: 'Mitglied 7' };

describe('mails to members', () => {
  for (const [name, vars] of [['dunning-reminder', dunning], ['sepa-return', ret]] as const) {
    it(`${name} exists in German, English, Arabic (right to left) and Turkish with the amounts in each`, () => {
      const byLanguage = emailTemplates[name] as Record<string, (v: typeof vars) => { subject: string; text: string; html: string }>;
      expect(Object.keys(byLanguage).sort()).toEqual(['ar', 'de', 'en', 'tr']);
      for (const [lang, render] of Object.entries(byLanguage)) {
        const mail = render(vars as never);
        expect(mail.subject).toContain('Laissez-passer e.V.');
        expect(mail.text).toContain(name === 'dunning-reminder' ? '65,00 €' : '60,00 €');
        expect(mail.html).toContain(lang === 'ar' ? 'dir="rtl"' : 'dir="ltr"');
      }
      expect(byLanguage.ar!(vars as never).text).toMatch(/[\u0600-\u06FF]/);
      expect(byLanguage.tr!(vars as never).text).toMatch(/[ğışç]/);
    });
  }

  it('shows the GiroCode inline by content id', () => {
    expect(emailTemplates['dunning-reminder'].ar(dunning).html).toContain('<img src="cid:girocode"');
  });
});
