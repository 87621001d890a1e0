#!/usr/bin/env node
// Readiness probe for the local Kafka broker, used by kafka.sh (`up` waits on it, `status` calls it once).
//
// Sends one Metadata request (v4, no topics) over a plain socket and checks the answer lists at least one
// broker. Plain Node on purpose: no node_modules needed (infra can come up before `npm ci`), ~50 ms per try
// instead of seconds for a JVM tool. Metadata v4 is understood by Kafka 1.0 through 4.x.
//
// Usage: node probe.cjs HOST:PORT [--wait SECONDS] [--pid PID] [--cluster-id ID]
//   --wait        retry until the broker answers or SECONDS pass (default: a single try)
//   --pid         give up at once if this process dies (the broker we just started)
//   --cluster-id  only accept a broker whose cluster id matches (i.e. the one from our state dir)
// Exit: 0 ready, 1 not answering / timed out, 2 process died, 3 a different cluster answers on that port.
'use strict';
const net = require('net');

const args = process.argv.slice(2);
const target = args[0];
const opt = (name) => {
  const i = args.indexOf(name);
  return i > 0 ? args[i + 1] : undefined;
};
if (!target || !/^[^:]+:\d+$/.test(target)) {
  console.error('usage: node probe.cjs HOST:PORT [--wait SECONDS] [--pid PID] [--cluster-id ID]');
  process.exit(64);
}
const [host, portText] = target.split(':');
const port = Number(portText);
const waitSeconds = Number(opt('--wait') || 0);
const pid = opt('--pid') ? Number(opt('--pid')) : undefined;
const wantClusterId = opt('--cluster-id');
const ATTEMPT_TIMEOUT_MS = 2000;
const RETRY_DELAY_MS = 200;

function metadataRequest(correlationId) {
  const clientId = Buffer.from('antrean-infra-probe');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4 + 1);
  let o = 0;
  o = body.writeInt16BE(3, o); // api_key: Metadata
  o = body.writeInt16BE(4, o); // api_version
  o = body.writeInt32BE(correlationId, o);
  o = body.writeInt16BE(clientId.length, o);
  o += clientId.copy(body, o);
  o = body.writeInt32BE(0, o); // topics: empty array = none (null would mean all)
  body.writeInt8(0, o); // allow_auto_topic_creation: false
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

function parseMetadataResponse(buf) {
  let o = 0;
  const int16 = () => ((o += 2), buf.readInt16BE(o - 2));
  const int32 = () => ((o += 4), buf.readInt32BE(o - 4));
  const str = () => {
    const n = int16();
    if (n < 0) return null;
    o += n;
    return buf.toString('utf8', o - n, o);
  };
  const correlationId = int32();
  int32(); // throttle_time_ms
  const brokers = [];
  for (let n = int32(); n > 0; n--)
    brokers.push({ nodeId: int32(), host: str(), port: int32(), rack: str() });
  const clusterId = str();
  const controllerId = int32();
  return { correlationId, brokers, clusterId, controllerId };
}

function attempt() {
  return new Promise((resolve) => {
    const correlationId = Math.floor(Math.random() * 0x7fffffff);
    let chunks = Buffer.alloc(0);
    const socket = net.connect({ host, port });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(ATTEMPT_TIMEOUT_MS, () => done({ ok: false, why: 'timeout' }));
    socket.on('error', (e) => done({ ok: false, why: e.code || e.message }));
    socket.on('connect', () => socket.write(metadataRequest(correlationId)));
    socket.on('data', (d) => {
      chunks = Buffer.concat([chunks, d]);
      if (chunks.length < 4 || chunks.length < 4 + chunks.readInt32BE(0)) return;
      try {
        const r = parseMetadataResponse(chunks.subarray(4));
        if (r.correlationId !== correlationId)
          return done({ ok: false, why: 'bad correlation id' });
        if (r.brokers.length === 0) return done({ ok: false, why: 'no brokers in metadata yet' });
        done({ ok: true, ...r });
      } catch (e) {
        done({ ok: false, why: 'unparsable response (not Kafka?)' });
      }
    });
    socket.on('close', () => done({ ok: false, why: 'connection closed' }));
  });
}

function alive(p) {
  try {
    process.kill(p, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

(async () => {
  const deadline = Date.now() + waitSeconds * 1000;
  let last;
  for (;;) {
    if (pid !== undefined && !alive(pid)) {
      console.error(`broker process ${pid} exited`);
      process.exit(2);
    }
    last = await attempt();
    if (last.ok) {
      if (wantClusterId && last.clusterId !== wantClusterId) {
        console.error(
          `${target} is a different Kafka cluster (${last.clusterId}), not ours (${wantClusterId})`,
        );
        process.exit(3);
      }
      console.log(
        `ready: cluster ${last.clusterId}, brokers ${last.brokers.map((b) => `${b.host}:${b.port}`).join(',')}`,
      );
      process.exit(0);
    }
    if (Date.now() + RETRY_DELAY_MS > deadline) break;
    await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
  }
  console.error(`${target} not answering (${last.why})`);
  process.exit(1);
})();
