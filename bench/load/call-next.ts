import type { Pool } from 'undici';
import { nikFor } from '@app/testing';
import { bookingBody, bookPath, call, idempotencyKey, inBatches, nextPatient, status } from './api';
import type { Sender } from './open-loop';

/** Books `count` returning patients at a facility's Poli Anak and checks them in (waiting at the poli). */
export async function fillLine(
  qs: Pool,
  facility: string,
  count: number,
): Promise<Array<{ bookingCode: string; displayNumber: string }>> {
  const tickets: Array<{ bookingCode: string; displayNumber: string }> = [];
  await inBatches(
    Array.from({ length: count }, (_, k) => k),
    8,
    async (k) => {
      const p = nextPatient();
      const booked = await call<{ bookingCode: string; displayNumber: string }>(
        qs,
        'POST',
        bookPath(facility),
        bookingBody(p, 0, k % 5),
        idempotencyKey(p),
      );
      if (booked.status !== 201)
        throw new Error(
          `booking for ${nikFor(p)}: ${booked.status} ${JSON.stringify(booked.body)}`,
        );
      const checkedIn = await call(
        qs,
        'POST',
        `/v1/tickets/${booked.body.bookingCode}/check-in`,
        {},
      );
      if (checkedIn.status !== 200)
        throw new Error(`check-in: ${checkedIn.status} ${JSON.stringify(checkedIn.body)}`);
      tickets.push(booked.body);
    },
  );
  return tickets;
}

/**
 * Call-next as a desk does it: a free counter calls the next patient; the bench then marks that
 * patient absent and back in line (no-show, returnToQueue), which frees the counter again and
 * keeps the line full. Only call-next is timed; a request due while every counter is busy waits
 * for one, and that wait counts in its latency (open loop).
 */
export function callNextSender(qs: Pool, facility: string, counterCodes: string[]): Sender {
  const free = [...counterCodes];
  const waiters: Array<(c: string) => void> = [];
  const acquire = (): Promise<string> => {
    const c = free.pop();
    return c ? Promise.resolve(c) : new Promise((res) => waiters.push(res));
  };
  const release = (c: string): void => {
    const w = waiters.shift();
    if (w) w(c);
    else free.push(c);
  };
  const base = `/v1/facilities/${facility}/counters`;
  return async (_i, signal) => {
    const counter = await acquire();
    try {
      return await status(qs, 'POST', `${base}/${counter}/call-next`, undefined, {}, signal);
    } finally {
      // Not timed, and also after a timeout or an error (the call may have happened there too).
      void status(qs, 'POST', `${base}/${counter}/no-show`, { returnToQueue: true })
        .catch(() => 0)
        .finally(() => release(counter));
    }
  };
}
