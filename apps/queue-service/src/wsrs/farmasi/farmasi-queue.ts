import { Inject, Injectable } from '@nestjs/common';
import { REDIS, type RedisClient } from '@app/redis';
import { QueueDb } from '../../database/queue-db';
import type { Ticket } from '../../generated/prisma/client';
import { WsrsRefusal } from '../wsrs-response';

/** One number per booking code per facility and day; `#next` is the day's last number. */
const TAKE = `
local n = redis.call('HGET', KEYS[1], ARGV[1])
if n then return tonumber(n) end
n = redis.call('HINCRBY', KEYS[1], '#next', 1)
redis.call('HSET', KEYS[1], ARGV[1], n)
redis.call('EXPIRE', KEYS[1], ARGV[2])
return n
`;
const TTL_SECONDS = 3 * 24 * 3600;
const JENIS_RESEP = 'Non racikan';
const FINISHED = new Set(['done', 'no_show', 'cancelled', 'expired']);

export interface FarmasiAmbil {
  jenisresep: string;
  nomorantrean: number;
  keterangan: string;
}
export interface FarmasiStatus {
  jenisresep: string;
  totalantrean: number;
  sisaantrean: number;
  antreanpanggil: number;
  keterangan: string;
}

type RedisWithTake = RedisClient & {
  wsrsFarmasiTake(k: string, b: string, t: number): Promise<number>;
};

/**
 * Antrean farmasi for Mobile JKN, deliberately simple: a checked-in ticket asks for a pharmacy
 * number; numbers run per facility and day in one Redis hash (asking again answers the same
 * number). Waiting = earlier pharmacy numbers whose ticket is not finished; called = the highest
 * pharmacy number whose ticket is finished. The prescription type is not known to the queue:
 * jenisresep is always "Non racikan". Lost with Redis (the day's numbers start again).
 */
@Injectable()
export class FarmasiQueue {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly db: QueueDb,
  ) {
    this.redis.defineCommand('wsrsFarmasiTake', { numberOfKeys: 1, lua: TAKE });
  }

  private key(t: Ticket): string {
    return `wsrs:{${t.facilityCode}}:${t.serviceDate.toISOString().slice(0, 10)}:farmasi`;
  }

  async take(t: Ticket): Promise<FarmasiAmbil> {
    if (t.status === 'booked') throw new WsrsRefusal('Pasien belum check-in');
    if (t.status === 'cancelled' || t.status === 'expired') {
      throw new WsrsRefusal('Antrean Sudah Dibatalkan');
    }
    const n = Number(
      await (this.redis as RedisWithTake).wsrsFarmasiTake(this.key(t), t.bookingCode, TTL_SECONDS),
    );
    return {
      jenisresep: JENIS_RESEP,
      nomorantrean: n,
      keterangan: 'Silakan menunggu panggilan di farmasi',
    };
  }

  async status(t: Ticket): Promise<FarmasiStatus> {
    const all = await this.redis.hgetall(this.key(t));
    const mine = all[t.bookingCode];
    if (!mine) throw new WsrsRefusal('Antrean Farmasi Tidak Ditemukan');
    const numbers = Object.entries(all).filter(([k]) => k !== '#next');
    const tickets = await this.db.ticket.findMany({
      where: { bookingCode: { in: numbers.map(([k]) => k) } },
      select: { bookingCode: true, status: true },
    });
    const finished = new Set(
      tickets.filter((x) => FINISHED.has(x.status)).map((x) => x.bookingCode),
    );
    const my = Number(mine);
    return {
      jenisresep: JENIS_RESEP,
      totalantrean: Number(all['#next'] ?? 0),
      sisaantrean: numbers.filter(([k, v]) => Number(v) < my && !finished.has(k)).length,
      antreanpanggil: Math.max(
        0,
        ...numbers.filter(([k]) => finished.has(k)).map(([, v]) => Number(v)),
      ),
      keterangan: '',
    };
  }
}
