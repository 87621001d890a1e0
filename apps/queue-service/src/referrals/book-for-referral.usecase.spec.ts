import { buildEvent } from '@app/messaging';
import type { QueueTx } from '../database/queue-db';
import type { BookTicket } from '../tickets/book-ticket/book-ticket.usecase';
import type { TicketTransitions } from '../tickets/transitions/ticket-transitions';
import { BookForReferral } from './book-for-referral.usecase';
import {
  ReferralServiceUnavailable,
  type ReferralIdentityClient,
} from './referral-identity.client';

const accepted = buildEvent(
  'referral.accepted',
  {
    referralId: '0b8f8f5e-4a8a-4c1e-9a51-8b1d6f0e7a11',
    referralNumber: '3329F0011126P000001',
    originFacilityCode: '3329F001',
    destinationFacilityCode: '3329R001',
    poliCode: 'ANA',
    patientRef: 'p_abcdefghijklmnop',
    visitDate: '2026-11-24',
    at: '2026-11-23T08:00:00.000Z',
  },
  { producer: 'unit', correlationId: 'c-1', key: '3329R001' },
);

describe('BookForReferral', () => {
  const identity = { nik: '3329010101900001', cardNumber: '0001234567890', phone: null };
  const setup = (lookup: () => Promise<typeof identity>) => {
    const book = jest.fn(() => Promise.resolve({ created: true }));
    const useCase = new BookForReferral(
      { execute: book } as unknown as BookTicket,
      {} as TicketTransitions,
      { lookup: jest.fn(lookup) } as unknown as ReferralIdentityClient,
    );
    return { book, useCase };
  };

  it('reads the identifiers first and books with them, keyed by the referral', async () => {
    const { book, useCase } = setup(() => Promise.resolve(identity));
    const apply = await useCase.prepare(accepted);
    expect(book).not.toHaveBeenCalled();
    await apply({} as QueueTx);
    expect(book).toHaveBeenCalledWith(
      '3329R001',
      expect.objectContaining({ patientType: 'JKN', referenceNumber: '3329F0011126P000001' }),
      expect.objectContaining({
        idempotencyKey: 'referral-0b8f8f5e-4a8a-4c1e-9a51-8b1d6f0e7a11',
        referral: expect.objectContaining({ identity }) as unknown,
      }),
    );
  });

  it('books nothing while referral-service is away', async () => {
    const { book, useCase } = setup(() => Promise.reject(new ReferralServiceUnavailable('down')));
    await expect(useCase.prepare(accepted)).rejects.toBeInstanceOf(ReferralServiceUnavailable);
    expect(book).not.toHaveBeenCalled();
  });
});
