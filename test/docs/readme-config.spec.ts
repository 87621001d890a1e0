import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allVariables } from '@app/config';
import { gatewayConfigSchema } from '../../apps/gateway/src/config';
import { notificationConfigSchema } from '../../apps/notification-service/src/config';
import { queueConfigSchema } from '../../apps/queue-service/src/config';
import { referralConfigSchema } from '../../apps/referral-service/src/config';
import { bridgeConfigSchema } from '../../apps/bpjs-bridge/src/config';
import { simulatorConfigSchema } from '../../apps/bpjs-simulator/src/config';

/** The README's configuration tables must name every variable any service reads. */
describe('README configuration table', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

  it.each([
    ['gateway', gatewayConfigSchema],
    ['queue-service', queueConfigSchema],
    ['referral-service', referralConfigSchema],
    ['notification-service', notificationConfigSchema],
    ['bpjs-bridge', bridgeConfigSchema],
    ['bpjs-simulator', simulatorConfigSchema],
  ])('documents every variable %s reads', (_name, schema) => {
    const missing = allVariables(schema).filter((v) => !readme.includes(`\`${v}\``));
    expect(missing).toEqual([]);
  });
});
