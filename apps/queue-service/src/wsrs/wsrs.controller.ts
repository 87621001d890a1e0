import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CorrelationId, ServiceAuthExempt } from '@app/http';
import { AmbilAntrean, type AmbilAntreanResponse } from './ambil-antrean/ambil-antrean.usecase';
import { AntreanOps, type SisaAntreanResponse } from './antrean-ops/antrean-ops.usecase';
import { WsrsAuth, type WsrsAuthHeaders } from './auth/wsrs-auth';
import { FarmasiQueue, type FarmasiAmbil, type FarmasiStatus } from './farmasi/farmasi-queue';
import { OperatingSchedules } from './jadwal-operasi/operating-schedules';
import { WsrsPatients } from './pasien-baru/wsrs-patients';
import { StatusAntrean, type StatusAntreanResponse } from './status-antrean/status-antrean.usecase';
import {
  wsrsAmbilAntrean,
  wsrsBatalAntrean,
  wsrsCheckinAntrean,
  wsrsJadwalOperasiPasien,
  wsrsJadwalOperasiRs,
  wsrsKodeBooking,
  wsrsPasienBaru,
  wsrsStatusAntrean,
} from './wsrs.requests';
import { answer, ok, type WsrsAnswer } from './wsrs-response';

type AuthHeaders = WsrsAuthHeaders;

/**
 * WS RS: the web service BPJS's Mobile JKN calls on the hospital, one base URL per facility
 * (`/wsrs/{kodeppk}/`). Always HTTP 200; the outcome is in metadata.code (200, 201, 202).
 */
@ServiceAuthExempt(
  'BPJS Mobile JKN calls it from outside: its own x-username/x-password token (WsrsAuth) instead',
)
@Controller('wsrs/:kodeppk')
export class WsrsController {
  constructor(
    private readonly auth: WsrsAuth,
    private readonly ambil: AmbilAntrean,
    private readonly statusAntrean: StatusAntrean,
    private readonly ops: AntreanOps,
    private readonly patients: WsrsPatients,
    private readonly operations: OperatingSchedules,
    private readonly farmasi: FarmasiQueue,
  ) {}

  @Get('token')
  token(
    @Param('kodeppk') kodeppk: string,
    @Headers('x-username') username: string | undefined,
    @Headers('x-password') password: string | undefined,
  ): Promise<WsrsAnswer<{ token: string }>> {
    return answer(async () =>
      ok({ token: await this.auth.issueToken(kodeppk, username, password) }),
    );
  }

  @Post('statusantrean')
  @HttpCode(200)
  status(
    @Param('kodeppk') f: string,
    @Headers() h: AuthHeaders,
    @Body() body: unknown,
  ): Promise<WsrsAnswer<StatusAntreanResponse>> {
    return this.auth.authorised(f, h, body, wsrsStatusAntrean, async (r) =>
      ok(await this.statusAntrean.execute(f, r)),
    );
  }

  @Post('ambilantrean')
  @HttpCode(200)
  ambilAntrean(
    @Param('kodeppk') f: string,
    @Headers() h: AuthHeaders,
    @Body() body: unknown,
    @CorrelationId() correlationId: string,
  ): Promise<WsrsAnswer<AmbilAntreanResponse>> {
    return this.auth.authorised(f, h, body, wsrsAmbilAntrean, async (r) =>
      ok(await this.ambil.execute(f, r, correlationId)),
    );
  }

  @Post('sisaantrean')
  @HttpCode(200)
  sisaAntrean(
    @Param('kodeppk') f: string,
    @Headers() h: AuthHeaders,
    @Body() body: unknown,
  ): Promise<WsrsAnswer<SisaAntreanResponse>> {
    return this.auth.authorised(f, h, body, wsrsKodeBooking, async (r) =>
      ok(await this.ops.sisa(f, r.kodebooking)),
    );
  }

  @Post('batalantrean')
  @HttpCode(200)
  batalAntrean(
    @Param('kodeppk') f: string,
    @Headers() h: AuthHeaders,
    @Body() body: unknown,
    @CorrelationId() correlationId: string,
  ): Promise<WsrsAnswer> {
    return this.auth.authorised(f, h, body, wsrsBatalAntrean, async (r) => {
      await this.ops.batal(f, r, correlationId);
      return ok();
    });
  }

  @Post('checkinantrean')
  @HttpCode(200)
  checkinAntrean(
    @Param('kodeppk') f: string,
    @Headers() h: AuthHeaders,
    @Body() body: unknown,
    @CorrelationId() correlationId: string,
  ): Promise<WsrsAnswer> {
    return this.auth.authorised(f, h, body, wsrsCheckinAntrean, async (r) => {
      await this.ops.checkin(f, r, correlationId);
      return ok();
    });
  }

  @Post('pasienbaru')
  @HttpCode(200)
  pasienBaru(
    @Param('kodeppk') f: string,
    @Headers() h: AuthHeaders,
    @Body() body: unknown,
  ): Promise<WsrsAnswer<{ norm: string }>> {
    return this.auth.authorised(f, h, body, wsrsPasienBaru, async (r) => {
      const p = await this.patients.register(f, r.nik, r.nomorkartu);
      return ok({ norm: p.norm }, 'Harap datang ke admisi untuk melengkapi data rekam medis');
    });
  }

  @Post('jadwaloperasirs')
  @HttpCode(200)
  jadwalOperasiRs(
    @Param('kodeppk') f: string,
    @Headers() h: AuthHeaders,
    @Body() body: unknown,
  ): Promise<WsrsAnswer> {
    return this.auth.authorised(f, h, body, wsrsJadwalOperasiRs, async (r) =>
      ok(await this.operations.forRange(f, r.tanggalawal, r.tanggalakhir)),
    );
  }

  @Post('jadwaloperasipasien')
  @HttpCode(200)
  jadwalOperasiPasien(
    @Param('kodeppk') f: string,
    @Headers() h: AuthHeaders,
    @Body() body: unknown,
  ): Promise<WsrsAnswer> {
    return this.auth.authorised(f, h, body, wsrsJadwalOperasiPasien, async (r) =>
      ok(await this.operations.forPatient(f, r.nopeserta)),
    );
  }

  @Post('ambilantreanfarmasi')
  @HttpCode(200)
  ambilAntreanFarmasi(
    @Param('kodeppk') f: string,
    @Headers() h: AuthHeaders,
    @Body() body: unknown,
  ): Promise<WsrsAnswer<FarmasiAmbil>> {
    return this.auth.authorised(f, h, body, wsrsKodeBooking, async (r) =>
      ok(await this.farmasi.take(await this.ops.ticketOf(f, r.kodebooking))),
    );
  }

  @Post('statusantreanfarmasi')
  @HttpCode(200)
  statusAntreanFarmasi(
    @Param('kodeppk') f: string,
    @Headers() h: AuthHeaders,
    @Body() body: unknown,
  ): Promise<WsrsAnswer<FarmasiStatus>> {
    return this.auth.authorised(f, h, body, wsrsKodeBooking, async (r) =>
      ok(await this.farmasi.status(await this.ops.ticketOf(f, r.kodebooking))),
    );
  }

  /** Token first, then the body, then the use case; every refusal is a metadata 201 / 202. */
}
