import type { FastifyReply } from 'fastify';
import { forward } from './forward';
import type { UpstreamClient, UpstreamResponse } from './upstream.client';

function fakeReply() {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = {
    headers: {},
  };
  const reply = {
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    status(code: number) {
      sent.status = code;
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, sent };
}

const upstreamAnswering = (res: UpstreamResponse) =>
  ({ call: () => Promise.resolve(res) }) as unknown as UpstreamClient;

describe('forward', () => {
  it("passes an upstream's 503 on with its Retry-After, so shed clients know when to come back", async () => {
    const { reply, sent } = fakeReply();
    const body = { code: 'COMMON.UNAVAILABLE', message: 'Sedang penuh.' };
    await forward(upstreamAnswering({ status: 503, body, retryAfter: '2' }), reply, 'POST', 'u', {
      correlationId: 'c',
    });
    expect(sent).toEqual({ status: 503, body, headers: { 'retry-after': '2' } });
  });

  it('shapes successful bodies only, and adds no header of its own', async () => {
    const { reply, sent } = fakeReply();
    await forward(
      upstreamAnswering({ status: 200, body: { a: 1, secret: 'x' } }),
      reply,
      'GET',
      'u',
      { correlationId: 'c' },
      () => ({ a: 1 }),
    );
    expect(sent).toEqual({ status: 200, body: { a: 1 }, headers: {} });
  });
});
