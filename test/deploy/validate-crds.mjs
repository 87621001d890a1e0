// Validates custom resources against their CRD schemas (@kubernetes-models/*). Run as a child
// process by the deployment tests: the Strimzi and Prometheus Operator model packages are ES
// modules only, which the tests' CommonJS runtime cannot load.
// stdin: a JSON array of objects. stdout: a JSON array, per object { id, error, unknown }, where
// `unknown` lists field paths the schema does not know (validate() accepts extra fields, so a typo
// such as `partitons` would pass it): the same proxy technique as deployment-files.spec.ts.
import { readFileSync } from 'node:fs';
import * as strimzi from '@kubernetes-models/strimzi-kafka-operator';
import * as keda from '@kubernetes-models/keda';
import * as cnpg from '@kubernetes-models/cloudnative-pg';
import * as prometheus from '@kubernetes-models/prometheus-operator';

const MODELS = {
  'kafka.strimzi.io/v1beta2/Kafka': strimzi.kafkaStrimziIo.v1beta2.Kafka,
  'kafka.strimzi.io/v1beta2/KafkaNodePool': strimzi.kafkaStrimziIo.v1beta2.KafkaNodePool,
  'kafka.strimzi.io/v1beta2/KafkaTopic': strimzi.kafkaStrimziIo.v1beta2.KafkaTopic,
  'keda.sh/v1alpha1/ScaledObject': keda.kedaSh.v1alpha1.ScaledObject,
  'postgresql.cnpg.io/v1/Cluster': cnpg.postgresqlCnpgIo.v1.Cluster,
  'postgresql.cnpg.io/v1/ScheduledBackup': cnpg.postgresqlCnpgIo.v1.ScheduledBackup,
  'monitoring.coreos.com/v1/ServiceMonitor': prometheus.monitoringCoreosCom.v1.ServiceMonitor,
  'monitoring.coreos.com/v1/PodMonitor': prometheus.monitoringCoreosCom.v1.PodMonitor,
  'monitoring.coreos.com/v1/PrometheusRule': prometheus.monitoringCoreosCom.v1.PrometheusRule,
};

function unknownFields(Model, doc) {
  const seen = [];
  const proxies = new WeakMap();
  const wrap = (value, path) => {
    if (value === null || typeof value !== 'object') return value;
    if (proxies.has(value)) return proxies.get(value);
    let info;
    const touch = () => {
      if (!info) seen.push((info = { path, target: value, read: new Set(), enumerated: false }));
      return info;
    };
    const proxy = new Proxy(value, {
      get: (t, k) => (touch().read.add(k), wrap(Reflect.get(t, k), `${path}/${String(k)}`)),
      has: (t, k) => (touch().read.add(k), Reflect.has(t, k)),
      ownKeys: (t) => ((touch().enumerated = true), Reflect.ownKeys(t)),
    });
    proxies.set(value, proxy);
    return proxy;
  };
  Model.prototype.validate.call(wrap(structuredClone(doc), ''));
  return seen
    .filter((s) => !s.enumerated && !Array.isArray(s.target))
    .flatMap((s) =>
      Object.keys(s.target)
        .filter((k) => !s.read.has(k))
        .map((k) => `${s.path}/${k}`),
    );
}

const docs = JSON.parse(readFileSync(0, 'utf8'));
const results = docs.map((doc) => {
  const id = `${doc.apiVersion}/${doc.kind}/${doc.metadata?.name}`;
  const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
  if (!Model) return { id, error: `no model for ${doc.apiVersion}/${doc.kind}`, unknown: [] };
  try {
    new Model(doc).validate();
  } catch (e) {
    return { id, error: e.message, unknown: [] };
  }
  return { id, error: null, unknown: unknownFields(Model, doc) };
});
process.stdout.write(JSON.stringify(results));
