import type { Producer } from 'kafkajs';
import { deadLetterSchema, EventHeader, Topic, type DeadLetter } from '@app/contracts';

/** Puts a message a consumer could not take on the dead-letter topic, keeping its original key. */
export class DeadLetterPublisher {
  constructor(private readonly producer: Producer) {}

  async publish(letter: DeadLetter): Promise<void> {
    const value = deadLetterSchema.parse(letter);
    await this.producer.send({
      topic: Topic.DeadLetter,
      acks: -1,
      messages: [
        {
          key: letter.key,
          value: JSON.stringify(value),
          headers: {
            'dead-letter-reason': letter.reason,
            'dead-letter-consumer': letter.consumer,
            ...(letter.eventId ? { [EventHeader.EventId]: letter.eventId } : {}),
          },
        },
      ],
    });
  }
}
