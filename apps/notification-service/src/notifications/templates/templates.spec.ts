import { TEMPLATES } from './catalog';
import * as Q from './queue.templates';
import * as R from './referral.templates';
import { LOCALES } from './template';

const ctx = { locale: 'id' as const, timeZone: 'Asia/Jakarta' };

describe('templates', () => {
  it.each([...TEMPLATES.keys()])('%s renders its sample in id and en, fully', (key) => {
    const t = TEMPLATES.get(key)!;
    expect(key).toMatch(/^[a-z-]+@\d+$/);
    for (const locale of LOCALES) {
      const m = t.render(t.definition.sample, { ...ctx, locale });
      expect(m).toMatchObject({ template: key, locale });
      expect(m.title.length).toBeGreaterThan(3);
      expect(m.body.length).toBeGreaterThan(20);
      expect(`${m.title} ${m.body}`).not.toMatch(/\{\{|\}\}|undefined|null|\[object/);
    }
    expect(t.render(t.definition.sample, ctx).body).not.toBe(
      t.render(t.definition.sample, { ...ctx, locale: 'en' }).body,
    );
  });

  it('refuses to render with a variable missing', () => {
    expect(() => Q.ticketCalled.render({ displayNumber: 'A-1' } as never, ctx)).toThrow();
  });

  it('booking confirmation: number, poli, date, booking code and live link', () => {
    const m = Q.ticketBooked.render(
      { ...Q.ticketBooked.definition.sample, estimatedServiceAt: null },
      ctx,
    );
    expect(m.title).toBe('Nomor antrean ANA-007');
    expect(m.body).toBe(
      'Nomor antrean Anda ANA-007 di Poli Anak pada Selasa, 24 November 2026. Kode booking 261124K7P2QX. ' +
        'Pantau antrean secara langsung: https://antrean.example.id/tiket/261124K7P2QX',
    );
    expect(Q.ticketBooked.render(Q.ticketBooked.definition.sample, ctx).body).toContain(
      'Perkiraan dilayani pukul 09.30 WIB.',
    );
    expect(
      Q.ticketBooked.render(Q.ticketBooked.definition.sample, { ...ctx, locale: 'en' }).body,
    ).toMatch(/^Your queue number is ANA-007 at Anak on Tuesday,? 24 November 2026\. /);
  });

  it('being called and almost your turn, as patients read them', () => {
    expect(Q.ticketCalled.render(Q.ticketCalled.definition.sample, ctx).body).toBe(
      'Nomor ANA-007 silakan ke Poli Anak ruang 2.',
    );
    expect(
      Q.ticketCalled.render(
        { ...Q.ticketCalled.definition.sample, recall: true, callCount: 2 },
        ctx,
      ).body,
    ).toBe('Nomor ANA-007 silakan ke Poli Anak ruang 2. Ini panggilan ke-2.');
    expect(Q.ticketApproaching.render(Q.ticketApproaching.definition.sample, ctx).body).toMatch(
      /^3 antrean lagi sebelum Anda\. Nomor ANA-007 di poli\./,
    );
    expect(
      Q.ticketApproaching.render({ ...Q.ticketApproaching.definition.sample, ahead: 0 }, ctx).title,
    ).toBe('Giliran Anda berikutnya');
    expect(Q.ticketCalled.definition.critical && Q.ticketApproaching.definition.critical).toBe(
      true,
    );
    expect(
      Q.reminderDayBefore.definition.critical || Q.reminderBeforeSession.definition.critical,
    ).toBe(false);
  });

  it('referral messages carry the hospital ticket and the feedback', () => {
    const s = R.referralScheduled.render(R.referralScheduled.definition.sample, ctx).body;
    expect(s).toContain('Nomor antrean Anda ANA-012, kode booking 261126ABCD12');
    expect(s).toContain('Kamis, 26 November 2026');
    const f = R.referralFeedback.render(R.referralFeedback.definition.sample, ctx).body;
    expect(f).toContain('Tindak lanjut: kontrol di FKTP');
  });
});
