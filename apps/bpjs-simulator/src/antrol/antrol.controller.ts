import { Body, Controller, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import {
  antreanAddRequest,
  AntrolPath,
  batalRequest,
  encryptResponse,
  farmasiAddRequest,
  getListTaskRequest,
  updateWaktuRequest,
  verifySignature,
} from '@app/bpjs';
import { SIMULATOR_CONFIG, type SimulatorConfig } from '../config';
import { AntrolLedger, type Answer } from './antrol-ledger';
import { Outage } from '../sim/outage';

type Headers_ = Record<string, string | string[] | undefined>;
const one = (h: Headers_, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Antrol as BPJS serves it under /antreanrs: signed calls only, answers in
 * `{metadata:{code,message}, response?}` with `response` encrypted with the caller's key.
 */
@Controller('antreanrs')
export class AntrolController {
  constructor(
    @Inject(SIMULATOR_CONFIG) private readonly config: SimulatorConfig,
    private readonly ledger: AntrolLedger,
    private readonly outage: Outage,
  ) {}

  @Post(AntrolPath.Add)
  @HttpCode(200)
  add(@Headers() h: Headers_, @Body() body: unknown, @Res({ passthrough: true }) r: FastifyReply) {
    return this.handle(h, body, r, AntrolPath.Add, antreanAddRequest, (c, req, now) =>
      this.ledger.add(c, req, now),
    );
  }

  @Post(AntrolPath.UpdateWaktu)
  @HttpCode(200)
  updateWaktu(
    @Headers() h: Headers_,
    @Body() body: unknown,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.handle(h, body, r, AntrolPath.UpdateWaktu, updateWaktuRequest, (c, req, now) =>
      this.ledger.updateWaktu(c, req, now),
    );
  }

  @Post(AntrolPath.Batal)
  @HttpCode(200)
  batal(
    @Headers() h: Headers_,
    @Body() body: unknown,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.handle(h, body, r, AntrolPath.Batal, batalRequest, (c, req, now) =>
      this.ledger.batal(c, req, now),
    );
  }

  @Post(AntrolPath.FarmasiAdd)
  @HttpCode(200)
  farmasiAdd(
    @Headers() h: Headers_,
    @Body() body: unknown,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.handle(h, body, r, AntrolPath.FarmasiAdd, farmasiAddRequest, (c, req, now) =>
      this.ledger.farmasiAdd(c, req, now),
    );
  }

  @Post(AntrolPath.GetListTask)
  @HttpCode(200)
  getListTask(
    @Headers() h: Headers_,
    @Body() body: unknown,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.handle(h, body, r, AntrolPath.GetListTask, getListTaskRequest, (c, req) =>
      this.ledger.listTask(c, req.kodebooking),
    );
  }

  private handle<S extends z.ZodType>(
    headers: Headers_,
    body: unknown,
    reply: FastifyReply,
    path: string,
    schema: S,
    apply: (consId: string, req: z.infer<S>, now: number) => Answer,
  ): { metadata: { code: number; message: string }; response?: string } | string {
    if (this.outage.active()) {
      void reply.status(503).header('content-type', 'text/plain');
      return 'Service Unavailable';
    }
    const now = Date.now();
    const consId = one(headers, 'x-cons-id') ?? '';
    const timestamp = one(headers, 'x-timestamp') ?? '';
    const kodebooking =
      typeof body === 'object' && body !== null && 'kodebooking' in body
        ? String(body.kodebooking)
        : undefined;
    const answer = ((): Answer => {
      const cred = this.config.BPJS_SIM_CREDENTIALS.find((c) => c.consId === consId);
      if (!cred || one(headers, 'user_key') !== cred.userKey)
        return { code: 201, message: 'Authentication failed' };
      const ts = Number(timestamp);
      if (
        !/^\d+$/.test(timestamp) ||
        Math.abs(now / 1000 - ts) > this.config.BPJS_SIM_TIMESTAMP_TOLERANCE_SECONDS
      )
        return { code: 201, message: 'X-timestamp tidak valid atau kedaluwarsa' };
      if (!verifySignature(consId, cred.secret, timestamp, one(headers, 'x-signature') ?? ''))
        return { code: 201, message: 'Signature tidak valid' };
      const parsed = schema.safeParse(body ?? {});
      if (!parsed.success)
        return {
          code: 201,
          message: parsed.error.issues
            .map((i) => `${i.path.join('.') || 'body'} ${i.message}`)
            .join('; '),
        };
      return apply(consId, parsed.data, now);
    })();
    this.ledger.record({
      consId,
      path,
      kodebooking,
      body,
      code: answer.code,
      message: answer.message,
      at: now,
    });
    const metadata = { code: answer.code, message: answer.message };
    if (answer.response === undefined) return { metadata };
    const cred = this.config.BPJS_SIM_CREDENTIALS.find((c) => c.consId === consId)!;
    return {
      metadata,
      response: encryptResponse(consId, cred.secret, timestamp, JSON.stringify(answer.response)),
    };
  }
}
