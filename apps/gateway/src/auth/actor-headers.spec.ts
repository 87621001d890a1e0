import { actorHeaders } from './actor-headers';

describe('actorHeaders', () => {
  it('names the admitted account and the gateway', () => {
    expect(
      actorHeaders({
        role: 'hospital_referral',
        subject: 'b1e2c3d4-0000-4000-8000-000000000001',
      } as never),
    ).toEqual({
      'x-caller': 'gateway',
      'x-actor': 'b1e2c3d4-0000-4000-8000-000000000001',
    });
    expect(
      actorHeaders({ role: 'patient', subject: 'patient:2612075BZJA9' } as never)['x-actor'],
    ).toBe('patient:2612075BZJA9');
  });

  it('sends the gateway alone when nobody (or nothing the audit accepts) is named', () => {
    expect(actorHeaders(undefined)).toEqual({ 'x-caller': 'gateway' });
    expect(actorHeaders({ role: 'desk', subject: 'a b\nc' } as never)).toEqual({
      'x-caller': 'gateway',
    });
  });
});
