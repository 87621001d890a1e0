import { Injectable } from '@nestjs/common';
import { ScheduleResolver, type ResolvedSession } from '../schedules/schedule-resolver';
import { QueueNumberAllocator } from '../tickets/numbering/queue-number.allocator';

export interface WsrsQuota {
  sisakuotajkn: number;
  kuotajkn: number;
  sisakuotanonjkn: number;
  kuotanonjkn: number;
}

/** The quota fields WS RS answers for one practice session, from the same Redis counters as booking. */
@Injectable()
export class WsrsSessionQuota {
  constructor(
    private readonly schedules: ScheduleResolver,
    private readonly numbers: QueueNumberAllocator,
  ) {}

  async session(
    facilityCode: string,
    poliCode: string,
    date: string,
    doctorCode: string | null,
    practiceHours: string | null,
  ): Promise<ResolvedSession | undefined> {
    return (await this.schedules.sessionsFor(facilityCode, poliCode, date)).find(
      (s) => s.doctorCode === doctorCode && s.practiceHours === practiceHours,
    );
  }

  async quota(facilityCode: string, date: string, s: ResolvedSession): Promise<WsrsQuota> {
    const scope = {
      facilityCode,
      poliCode: s.poliCode,
      serviceDate: date,
      doctorCode: s.doctorCode,
      practiceHours: s.practiceHours,
    };
    const [jkn, nonJkn] = await Promise.all([
      this.numbers.remaining({ ...scope, patientType: 'JKN', limit: s.quotaJkn }),
      this.numbers.remaining({ ...scope, patientType: 'NON_JKN', limit: s.quotaNonJkn }),
    ]);
    return {
      sisakuotajkn: jkn,
      kuotajkn: s.quotaJkn,
      sisakuotanonjkn: nonJkn,
      kuotanonjkn: s.quotaNonJkn,
    };
  }
}
