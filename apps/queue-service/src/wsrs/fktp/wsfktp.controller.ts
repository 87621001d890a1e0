import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CorrelationId, ServiceAuthExempt } from '@app/http';
import { WsrsAuth, type WsrsAuthHeaders } from '../auth/wsrs-auth';
import { WsrsPatients } from '../pasien-baru/wsrs-patients';
import { wsrsPasienBaru } from '../wsrs.requests';
import { answer, ok, type WsrsAnswer } from '../wsrs-response';
import {
  FktpAntrean,
  type FktpAmbil,
  type FktpSisa,
  type FktpStatusLine,
} from './fktp-antrean.usecase';
import { fktpAmbilAntrean, fktpBatal, fktpSisaParams, fktpStatusParams } from './fktp.requests';

type AuthHeaders = WsrsAuthHeaders;

/** Pasien baru at an FKTP: the same fields as WS RS pasienbaru, the phone optional. */
export const fktpPeserta = wsrsPasienBaru.extend({
  nohp: wsrsPasienBaru.shape.nohp.optional(),
});

/**
 * WS FKTP: what Mobile JKN calls on a puskesmas or clinic (`/wsfktp/{kodeppk}/`), BPJS's Antrean
 * FKTP catalogue. Same credentials, tokens, patient register and answer shape as WS RS.
 */
@ServiceAuthExempt(
  'BPJS Mobile JKN / P-Care calls it from outside: its own x-username/x-password token (WsrsAuth) instead',
)
@Controller('wsfktp/:kodeppk')
export class WsFktpController {
  constructor(
    private readonly auth: WsrsAuth,
    private readonly fktp: FktpAntrean,
    private readonly patients: WsrsPatients,
  ) {}

  @Get('auth')
  token(
    @Param('kodeppk') kodeppk: string,
    @Headers('x-username') username: string | undefined,
    @Headers('x-password') password: string | undefined,
  ): Promise<WsrsAnswer<{ token: string }>> {
    return answer(async () =>
      ok({ token: await this.auth.issueToken(kodeppk, username, password) }),
    );
  }

  @Get('antrean/status/:kodepoli/:tanggalperiksa')
  status(
    @Param() p: Record<string, string>,
    @Headers() h: AuthHeaders,
  ): Promise<WsrsAnswer<FktpStatusLine[]>> {
    return this.auth.authorised(p.kodeppk, h, p, fktpStatusParams, async (r) =>
      ok(await this.fktp.status(p.kodeppk, r)),
    );
  }

  @Post('antrean')
  @HttpCode(200)
  take(
    @Param('kodeppk') f: string,
    @Headers() h: AuthHeaders,
    @Body() body: unknown,
    @CorrelationId() correlationId: string,
  ): Promise<WsrsAnswer<FktpAmbil>> {
    return this.auth.authorised(f, h, body, fktpAmbilAntrean, async (r) =>
      ok(await this.fktp.take(f, r, correlationId)),
    );
  }

  @Get('antrean/sisapeserta/:nomorkartu/:kodepoli/:tanggalperiksa')
  sisa(
    @Param() p: Record<string, string>,
    @Headers() h: AuthHeaders,
  ): Promise<WsrsAnswer<FktpSisa>> {
    return this.auth.authorised(p.kodeppk, h, p, fktpSisaParams, async (r) =>
      ok(await this.fktp.sisa(p.kodeppk, r)),
    );
  }

  @Put('antrean/batal')
  batal(
    @Param('kodeppk') f: string,
    @Headers() h: AuthHeaders,
    @Body() body: unknown,
    @CorrelationId() correlationId: string,
  ): Promise<WsrsAnswer> {
    return this.auth.authorised(f, h, body, fktpBatal, async (r) => {
      await this.fktp.batal(f, r, correlationId);
      return ok();
    });
  }

  @Post('peserta')
  @HttpCode(200)
  peserta(
    @Param('kodeppk') f: string,
    @Headers() h: AuthHeaders,
    @Body() body: unknown,
  ): Promise<WsrsAnswer<{ norm: string }>> {
    return this.auth.authorised(f, h, body, fktpPeserta, async (r) => {
      const p = await this.patients.register(f, r.nik, r.nomorkartu);
      return ok({ norm: p.norm });
    });
  }
}
