import { Injectable } from '@nestjs/common';
import { DeadLetterPublisher, EventInbox, SqlInboxStore } from '@app/messaging';
import { Metrics } from '@app/observability';
import { AntrolSender } from '../antrol/antrol-sender';
import { enqueueCall } from '../antrol/call-queue';
import { addCall, batalCall, farmasiCall, taskCall } from '../antrol/to-antrol';
import { BridgeDb, type BridgeTx } from '../database/bridge-db';

export const BRIDGE_CONSUMER = 'bpjs-bridge';

type Consumed =
  | 'queue.ticket.booked'
  | 'queue.ticket.task-recorded'
  | 'queue.ticket.cancelled'
  | 'queue.ticket.expired'
  | 'queue.ticket.transferred';

/** Each ticket event that BPJS must hear about becomes a stored Antrol call, once. */
@Injectable()
export class BridgeInbox extends EventInbox<Consumed, BridgeTx> {
  constructor(
    db: BridgeDb,
    deadLetters: DeadLetterPublisher,
    metrics: Metrics,
    sender: AntrolSender,
  ) {
    super({
      consumer: BRIDGE_CONSUMER,
      store: new SqlInboxStore<BridgeTx>(db),
      deadLetters,
      handlers: {
        'queue.ticket.booked': (e, tx) => enqueueCall(tx, addCall(e.payload)),
        'queue.ticket.task-recorded': (e, tx) => enqueueCall(tx, taskCall(e.payload)),
        'queue.ticket.cancelled': (e, tx) =>
          enqueueCall(tx, batalCall(e.payload, e.payload.reason)),
        'queue.ticket.expired': (e, tx) =>
          enqueueCall(tx, batalCall(e.payload, 'Tidak hadir sampai akhir sesi')),
        'queue.ticket.transferred': async (e, tx) => {
          const call = farmasiCall(e.payload);
          if (call) await enqueueCall(tx, call);
        },
      },
      onOutcome: (type, outcome) => {
        metrics.eventsConsumed.inc({ consumer: BRIDGE_CONSUMER, type, outcome });
        if (outcome === 'handled') sender.kick();
      },
    });
  }
}
