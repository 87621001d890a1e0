import { getJson, postJson, serviceFetch, type JsonResponse } from './http';

export interface TicketBody {
  ticketId: string;
  bookingCode: string;
  queueNumber: number;
  displayNumber: string;
  status: string;
  station: string | null;
  counterCode: string | null;
  poliCode: string;
  error?: { code: string; message: string };
}

/** A thin client of queue-service's HTTP API for tests and benchmarks (with the service token). */
export class QueueClient {
  constructor(readonly baseUrl: string) {}

  async putFacility(code: string, facility: unknown): Promise<void> {
    const res = await serviceFetch(`${this.baseUrl}/v1/facilities/${code}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(facility),
    });
    if (res.status !== 200)
      throw new Error(`PUT facility ${code}: ${res.status} ${await res.text()}`);
  }

  book(
    facility: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<JsonResponse<TicketBody>> {
    return postJson<TicketBody>(`${this.baseUrl}/v1/facilities/${facility}/tickets`, body, headers);
  }

  ticketOp(
    bookingCode: string,
    op: 'check-in' | 'cancel' | 'priority',
    body: unknown = {},
  ): Promise<JsonResponse<TicketBody>> {
    return postJson<TicketBody>(`${this.baseUrl}/v1/tickets/${bookingCode}/${op}`, body);
  }

  counterOp(
    facility: string,
    counter: string,
    op: 'call-next' | 'recall' | 'no-show' | 'start' | 'finish' | 'transfer',
    body: unknown = {},
  ): Promise<JsonResponse<TicketBody>> {
    return postJson<TicketBody>(
      `${this.baseUrl}/v1/facilities/${facility}/counters/${counter}/${op}`,
      body,
    );
  }

  get<T>(path: string): Promise<JsonResponse<T>> {
    return getJson<T>(`${this.baseUrl}${path}`);
  }
}
