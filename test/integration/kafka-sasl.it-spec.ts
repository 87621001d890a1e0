import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createKafka, kafkaSecurityOptions } from '@app/messaging';
import { eventually, REPO_ROOT, TEST_KAFKA_PORT } from '@app/testing';

/**
 * Issue #7, between services: a broker that demands SASL/SCRAM (started by the project's own
 * kafka.sh), and the services' client path (kafkaSecurityOptions → kafkaConfig, as every service
 * builds it from KAFKA_SECURITY_PROTOCOL / KAFKA_SASL_*) getting in with the right credentials only.
 */
const PORT = TEST_KAFKA_PORT + 100;
const USER = 'antrean-svc';
const PASSWORD = `pw-${randomUUID()}`;
// Without KAFKA_BROKERS (global setup sets it for the run's own broker), so kafka.sh starts one.
const parentEnv = { ...process.env };
delete parentEnv.KAFKA_BROKERS;
const infraEnv = {
  ...parentEnv,
  KAFKA_PORT: String(PORT),
  KAFKA_STATE_DIR: join(REPO_ROOT, `.infra/kafka-sasl-test-${PORT}`),
  KAFKA_SCRAM_USERNAME: USER,
  KAFKA_SCRAM_PASSWORD: PASSWORD,
};
const kafkaSh = (cmd: 'up' | 'down') =>
  execFileSync('bash', [join(REPO_ROOT, 'scripts/infra/kafka.sh'), cmd], {
    env: infraEnv,
    stdio: 'inherit',
  });

const clientFor = (password: string | undefined) =>
  createKafka(
    [`127.0.0.1:${PORT}`],
    `sasl-check-${randomUUID().slice(0, 6)}`,
    password === undefined
      ? {}
      : kafkaSecurityOptions({
          KAFKA_SECURITY_PROTOCOL: 'sasl_plaintext',
          KAFKA_SASL_MECHANISM: 'scram-sha-512',
          KAFKA_SASL_USERNAME: USER,
          KAFKA_SASL_PASSWORD: password,
        }),
  );

describe('Kafka with SASL/SCRAM', () => {
  beforeAll(() => {
    execFileSync('rm', ['-rf', infraEnv.KAFKA_STATE_DIR]);
    kafkaSh('up');
  });
  afterAll(() => kafkaSh('down'));

  it('lets a client with the right credentials produce and consume', async () => {
    const kafka = clientFor(PASSWORD);
    const topic = `test.sasl.${randomUUID()}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k', value: 'hello' }] });
    const consumer = kafka.consumer({ groupId: `sasl-check-${randomUUID()}` });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => Promise.resolve(void seen.push(String(message.value))),
    });
    try {
      await eventually(() => Promise.resolve(expect(seen).toEqual(['hello'])));
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.disconnect();
    }
  });

  it('refuses a wrong password and a client without SASL', async () => {
    const wrong = clientFor('not-the-password').admin();
    await expect(wrong.connect()).rejects.toThrow(/SASL|authentication/i);
    const plain = createKafka([`127.0.0.1:${PORT}`], 'sasl-check-plain', {});
    const admin = plain.admin();
    // kafkajs retries, then gives up: the broker closes a connection that skips the handshake.
    await expect(admin.connect().then(() => admin.listTopics())).rejects.toThrow();
    await admin.disconnect().catch(() => undefined);
    await wrong.disconnect().catch(() => undefined);
  });
});
