import Fastify from 'fastify';
import { actorHeaders, admitActor, installRequestActorScope, runAsActor } from './actor-headers';
import type { Principal } from './roles';

const staff = {
  role: 'hospital_referral' as const,
  subject: 'b1e2c3d4-0000-4000-8000-000000000001',
};
const as = (p: Partial<Principal>) => p as Principal;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('actorHeaders', () => {
  it('names the principal of the context and the gateway', () => {
    expect(runAsActor(as(staff), actorHeaders)).toEqual({
      'x-caller': 'gateway',
      'x-actor': staff.subject,
    });
    expect(
      runAsActor(as({ role: 'patient', subject: 'patient:2612075BZJA9' }), actorHeaders)['x-actor'],
    ).toBe('patient:2612075BZJA9');
  });

  it('sends the gateway alone without a context, a principal, or one the audit accepts', () => {
    expect(actorHeaders()).toEqual({ 'x-caller': 'gateway' });
    expect(runAsActor(undefined, actorHeaders)).toEqual({ 'x-caller': 'gateway' });
    expect(runAsActor(as({ role: 'desk', subject: 'a b\nc' }), actorHeaders)).toEqual({
      'x-caller': 'gateway',
    });
  });
});

describe('the request actor scope', () => {
  // As Nest runs it: the guard admits after awaits (token, scope lookups), the handler calls later.
  const app = Fastify();
  installRequestActorScope(app);
  app.post('/r', async (request) => {
    const { subject, admit } = request.body as { subject: string; admit: boolean };
    const before = actorHeaders();
    await tick();
    if (admit) admitActor(as({ role: 'desk', subject }));
    await tick();
    return { before, after: actorHeaders() };
  });
  afterAll(() => app.close());

  const post = (subject: string, admit = true) =>
    app
      .inject({ method: 'POST', url: '/r', payload: { subject, admit } })
      .then((r) => r.json<Record<string, Record<string, string>>>());

  it('names the admitted principal from admission on, with the body read', async () => {
    expect(await post('desk-01')).toEqual({
      before: { 'x-caller': 'gateway' },
      after: { 'x-caller': 'gateway', 'x-actor': 'desk-01' },
    });
  });

  it('keeps concurrent requests apart, and a request nobody admitted anonymous', async () => {
    const answers = await Promise.all([post('desk-a'), post('desk-b'), post('nobody', false)]);
    expect(answers.map((a) => a.after)).toEqual([
      { 'x-caller': 'gateway', 'x-actor': 'desk-a' },
      { 'x-caller': 'gateway', 'x-actor': 'desk-b' },
      { 'x-caller': 'gateway' },
    ]);
    // Nothing leaks out of a request into what runs outside one.
    expect(actorHeaders()).toEqual({ 'x-caller': 'gateway' });
  });
});
