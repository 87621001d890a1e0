/**
 * A small kustomize for the deployment tests: renders an overlay without a kustomize binary, so the
 * tests run on machines without kubectl. It supports only what the overlays in k8s/ use, and throws
 * on anything else, so a new feature in an overlay fails loudly here instead of rendering wrong:
 *
 * - `resources`: YAML files (any number of documents) and directories holding a kustomization.yaml;
 * - `patches`: `- path: file` only (no `target`, no inline `patch`), each document a strategic merge
 *   patch matched by apiVersion, kind and metadata.name. `null` deletes a field, `$patch: delete`
 *   deletes the object, and lists merge by key (new elements first, as kustomize puts them) only for containers/initContainers/env/volumes (by
 *   name) and volumeMounts (by mountPath); every other list is replaced, as JSON merge patch does;
 * - `images`: name → newName / newTag / digest in pod templates (Deployment, Job, CronJob);
 * - `namespace`: set on every namespaced object.
 * Where kubectl exists, test/deploy/overlays.spec.ts checks the result against `kubectl kustomize`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Obj = Record<string, Json>;

export const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** A scalar as text; anything else as JSON. */
export const text = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'boolean'
      ? `${v}`
      : (JSON.stringify(v) ?? '');

const SUPPORTED_KEYS = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'resources',
  'patches',
  'images',
]);
const LIST_MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
};
/** Kinds without a namespace among those the overlays could hold. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'ClusterTriggerAuthentication',
]);

/** Every YAML document of a file, as plain objects (empty documents dropped). */
export function readDocuments(file: string): Obj[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  if (!Array.isArray(docs)) return [];
  return docs.flatMap((d) => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors.map((e) => e.message).join('; ')}`);
    const value: unknown = d.toJS();
    if (value === null || value === undefined) return [];
    if (!isObj(value)) throw new Error(`${file}: a document is not a mapping`);
    return [value];
  });
}

const metaOf = (doc: Obj): Obj => (isObj(doc.metadata) ? doc.metadata : {});
export const idOf = (doc: Obj): string =>
  `${text(doc.apiVersion)}/${text(doc.kind)}/${text(metaOf(doc).name)}`;

/** Renders the kustomization in `dir` (a directory path) into its list of objects. */
export function render(dir: string): Obj[] {
  const root = resolve(dir);
  const file = join(root, 'kustomization.yaml');
  const [k] = readDocuments(file);
  const unsupported = Object.keys(k).filter((key) => !SUPPORTED_KEYS.has(key));
  if (unsupported.length)
    throw new Error(`${relative(process.cwd(), file)}: unsupported ${unsupported.join(', ')}`);

  let objects: Obj[] = [];
  for (const entry of listOf(k.resources)) {
    const path = resolve(root, text(entry));
    const rendered = statSync(path).isDirectory() ? render(path) : readDocuments(path);
    for (const doc of rendered) {
      if (objects.some((o) => idOf(o) === idOf(doc)))
        throw new Error(`${idOf(doc)} is defined twice (in ${text(entry)})`);
      objects.push(doc);
    }
  }

  for (const p of listOf(k.patches)) {
    if (!isObj(p) || Object.keys(p).some((key) => key !== 'path'))
      throw new Error(`${file}: only "- path: file" patches are supported`);
    const patchFile = resolve(root, text(p.path));
    if (!existsSync(patchFile)) throw new Error(`${file}: patch ${text(p.path)} not found`);
    for (const patch of readDocuments(patchFile)) {
      const target = objects.find((o) => idOf(o) === idOf(patch));
      if (!target) throw new Error(`${text(p.path)}: no ${idOf(patch)} to patch`);
      if (patch.$patch === 'delete') objects = objects.filter((o) => o !== target);
      else mergeStrategic(target, patch);
    }
  }

  for (const image of listOf(k.images)) {
    if (!isObj(image)) throw new Error(`${file}: images entries must be mappings`);
    for (const doc of objects) for (const c of containersOf(doc)) setImage(c, image);
  }

  if (typeof k.namespace === 'string') {
    for (const doc of objects) {
      if (CLUSTER_SCOPED.has(text(doc.kind))) continue;
      doc.metadata = { ...metaOf(doc), namespace: k.namespace };
    }
  }
  return objects;
}

function listOf(v: Json | undefined): Json[] {
  return Array.isArray(v) ? v : [];
}

/** Strategic merge of `patch` into `target`, in place, for the subset described above. */
export function mergeStrategic(target: Obj, patch: Obj): void {
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    const current = target[key];
    if (value === null) delete target[key];
    else if (isObj(value) && isObj(current)) mergeStrategic(current, value);
    else if (Array.isArray(value) && Array.isArray(current) && LIST_MERGE_KEYS[key]) {
      const mergeKey = LIST_MERGE_KEYS[key];
      const added: Json[] = [];
      for (const item of value) {
        const match = isObj(item)
          ? current.find((c) => isObj(c) && c[mergeKey] === item[mergeKey])
          : undefined;
        if (isObj(match) && isObj(item)) mergeStrategic(match, item);
        else added.push(structuredClone(item));
      }
      // kustomize (kyaml) puts new elements before the existing ones.
      current.unshift(...added);
    } else target[key] = structuredClone(value);
  }
}

/** The containers of a pod template, wherever the kind keeps it. */
export function containersOf(doc: Obj): Obj[] {
  const spec = isObj(doc.spec) ? doc.spec : {};
  const pods: Json[] = [];
  if (isObj(spec.template) && isObj(spec.template.spec)) pods.push(spec.template.spec);
  if (isObj(spec.jobTemplate) && isObj(spec.jobTemplate.spec)) {
    const job = spec.jobTemplate.spec;
    if (isObj(job.template) && isObj(job.template.spec)) pods.push(job.template.spec);
  }
  return pods
    .filter(isObj)
    .flatMap((pod) => [...listOf(pod.initContainers), ...listOf(pod.containers)])
    .filter(isObj);
}

function setImage(container: Obj, image: Obj): void {
  const current = text(container.image ?? '');
  const [, name, tag, digest] = /^([^:@]+)(?::([^@]+))?(?:@(.+))?$/.exec(current) ?? [];
  if (name !== image.name) return;
  const newName = typeof image.newName === 'string' ? image.newName : name;
  if (typeof image.digest === 'string') container.image = `${newName}@${image.digest}`;
  else if (typeof image.newTag === 'string' || typeof image.newTag === 'number')
    container.image = `${newName}:${text(image.newTag)}`;
  else container.image = `${newName}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}
