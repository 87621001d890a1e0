import { EventEmitter } from 'node:events';
import type { RedisClient } from '@app/redis';
import type { ScheduleResolver } from '../schedules/schedule-resolver';
import { MASTER_DATA_CHANNEL, MasterDataChanges } from './master-data-changes';
import type { PoliDirectory } from './poli-directory';

/** One Redis server's pub/sub, in memory: what one client publishes, every subscriber hears. */
class FakePubSub {
  readonly subscribers: Array<EventEmitter & { channels: Set<string> }> = [];
  failing = false;

  client(): RedisClient {
    const client = {
      publish: (channel: string, message: string) => {
        if (this.failing) return Promise.reject(new Error('Connection is closed.'));
        for (const s of this.subscribers)
          if (s.channels.has(channel)) s.emit('message', channel, message);
        return Promise.resolve(this.subscribers.length);
      },
      duplicate: () => {
        const sub = Object.assign(new EventEmitter(), {
          channels: new Set<string>(),
          subscribe: (channel: string) => {
            sub.channels.add(channel);
            return Promise.resolve(1);
          },
          quit: () => Promise.resolve('OK'),
        });
        this.subscribers.push(sub);
        return sub;
      },
    };
    return client as unknown as RedisClient;
  }
}

/** An instance's caches: which facilities it was told to forget. */
function instance(bus: FakePubSub) {
  const forgotten: string[] = [];
  const schedules = { invalidate: (f: string) => forgotten.push(`schedules:${f}`) };
  const polis = { invalidate: (f: string) => forgotten.push(`polis:${f}`) };
  const changes = new MasterDataChanges(
    bus.client(),
    schedules as unknown as ScheduleResolver,
    polis as unknown as PoliDirectory,
  );
  return { changes, forgotten };
}

describe('MasterDataChanges', () => {
  it('makes every instance forget a changed facility, not only the one that changed it', async () => {
    const bus = new FakePubSub();
    const a = instance(bus);
    const b = instance(bus);
    await a.changes.onApplicationBootstrap();
    await b.changes.onApplicationBootstrap();
    expect(bus.subscribers.every((s) => s.channels.has(MASTER_DATA_CHANNEL))).toBe(true);

    await a.changes.changed('9910R001');

    expect(b.forgotten).toEqual(['schedules:9910R001', 'polis:9910R001']);
    expect(a.forgotten).toContain('schedules:9910R001');
    expect(a.forgotten).toContain('polis:9910R001');
  });

  it('still forgets locally and does not fail the change when Redis is away', async () => {
    const bus = new FakePubSub();
    const a = instance(bus);
    await a.changes.onApplicationBootstrap();
    bus.failing = true;

    await expect(a.changes.changed('9910R002')).resolves.toBeUndefined();
    expect(a.forgotten).toEqual(['schedules:9910R002', 'polis:9910R002']);
  });
});
