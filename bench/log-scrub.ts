// Cost of the log scrubber (libs/logging/src/scrub.ts) per line, against a JSON parse+stringify of
// the same line measured in the same run: `npx tsx bench/log-scrub.ts`.
import { scrubPersonalData } from '../libs/logging/src/scrub';
const plain =
  '{"level":30,"time":1765075200000,"pid":12345,"hostname":"h","name":"queue-service","correlationId":"0b8f1c9e-3a4d-4c2b-9e1f-123456789012","traceId":"4bf92f3577b34da6a3ce929d0e0e4736","req":{"id":"x","method":"POST","url":"/v1/facilities/99180001/tickets"},"res":{"statusCode":201},"responseTime":12,"msg":"request completed"}\n';
const withPii = plain.replace('request completed', 'nik 3329010101900001 hp 081234567890');
for (const [name, line] of [
  ['plain', plain],
  ['with pii', withPii],
] as const) {
  const n = 200_000;
  let t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) scrubPersonalData(line);
  const ns = Number(process.hrtime.bigint() - t) / n;
  t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) JSON.stringify(JSON.parse(line));
  const base = Number(process.hrtime.bigint() - t) / n;
  console.log(
    name,
    `${ns.toFixed(0)} ns/line scrub vs ${base.toFixed(0)} ns/line JSON parse+stringify (ratio ${(ns / base).toFixed(2)})`,
  );
}
