import { randomUUID } from 'node:crypto';
import { createKafka } from '@app/messaging';
import { eventually, testKafkaBrokers } from '@app/testing';

/** The pinned broker and kafkajs 2.2.4 agree: topic creation, produce, consumer-group consume. */
describe('Kafka broker started by the project', () => {
  it('produces and consumes through a consumer group', async () => {
    const kafka = createKafka(testKafkaBrokers().split(','), 'broker-check');
    const topic = `test.broker-check.${randomUUID()}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [1, 2, 3].map((n) => ({ key: `k${n}`, value: `v${n}` })),
    });

    const consumer = kafka.consumer({ groupId: `broker-check-${randomUUID()}` });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => Promise.resolve(void seen.push(String(message.value))),
    });
    try {
      await eventually(() => Promise.resolve(expect(seen.sort()).toEqual(['v1', 'v2', 'v3'])));
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] });
      await admin.disconnect();
    }
  });
});
