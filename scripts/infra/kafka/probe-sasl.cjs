#!/usr/bin/env node
// Readiness probe for a local broker started with SASL/SCRAM (KAFKA_SCRAM_USERNAME set in kafka.sh):
// the plain-socket probe.cjs cannot authenticate, so this one logs in with kafkajs (from the repo's
// node_modules) and asks for the cluster's description.
//
// Usage: node probe-sasl.cjs HOST:PORT --wait SECONDS [--pid PID] [--cluster-id ID]
// Environment: KAFKA_SCRAM_USERNAME, KAFKA_SCRAM_PASSWORD. Exit codes as probe.cjs.
'use strict';
const { Kafka, logLevel } = require('kafkajs');

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i > 0 ? args[i + 1] : undefined;
};
const target = args[0];
const waitSeconds = Number(opt('--wait') || 0);
const pid = opt('--pid') ? Number(opt('--pid')) : undefined;
const wantClusterId = opt('--cluster-id');
const alive = (p) => {
  try {
    process.kill(p, 0);
    return true;
  } catch {
    return false;
  }
};

async function main() {
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    if (pid !== undefined && !alive(pid)) process.exit(2);
    const admin = new Kafka({
      clientId: 'antrean-infra-probe',
      brokers: [target],
      connectionTimeout: 2000,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      sasl: {
        mechanism: 'scram-sha-512',
        username: process.env.KAFKA_SCRAM_USERNAME,
        password: process.env.KAFKA_SCRAM_PASSWORD,
      },
    }).admin();
    try {
      await admin.connect();
      const { clusterId, brokers } = await admin.describeCluster();
      await admin.disconnect();
      if (wantClusterId && clusterId !== wantClusterId) process.exit(3);
      if (brokers.length > 0) process.exit(0);
    } catch {
      await admin.disconnect().catch(() => undefined);
    }
    if (Date.now() >= deadline) process.exit(1);
    await new Promise((r) => setTimeout(r, 300));
  }
}
void main();
