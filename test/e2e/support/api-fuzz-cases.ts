import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

/**
 * Bad requests generated from a service's OpenAPI document: every case breaks the declared
 * contract on purpose (wrong type, missing field, unknown field, bad parameter, malformed JSON,
 * wrong media type, oversized, unusable text, missing credentials), so the only right answer is a
 * refusal that changes nothing. Pure: no I/O, deterministic for a seed.
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
};

export interface Operation {
  service: string;
  baseUrl: string;
  method: string;
  /** OpenAPI path template, e.g. /v1/tickets/{bookingCode}. */
  path: string;
  parameters: Array<{ name: string; in: string; required: boolean; schema: JsonSchema }>;
  body?: JsonSchema;
  /** WS RS / WS FKTP: always HTTP 200, refusals in metadata.code; needs x-token and x-username. */
  wsrs: boolean;
}

export interface FuzzCase {
  service: string;
  kind: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Raw request text, sent as is. */
  body?: string;
  /**
   * 'refused': a 4xx with our error shape (or, on WS RS, metadata 201/202). 'no-5xx': the only
   * thing broken is a free-form parameter, where a 200 for "nothing there" is also right.
   */
  expect: 'refused' | 'no-5xx';
  /** The refusal statuses that alone are right (credentials: 401 or 403), when it matters. */
  statuses?: number[];
  /** Short description of the case, for failure reports. */
  note: string;
}

/** Values to put in path parameters that are not facility-specific fixtures. */
export interface Fixtures {
  /** Path parameter values that satisfy their schema and point at nothing that could change. */
  pathValue: (name: string) => string;
  /** Headers a valid WS RS call carries for the test facility. */
  wsrsHeaders: Record<string, string>;
  /** Headers every request of the operation carries: the internal bearer, a role's token. */
  auth?: Record<string, string>;
  /** Body fields and query values that must hold a fixture to get past the edge's scope check. */
  values?: Record<string, unknown>;
  /** Credentials that must be refused on an otherwise well-formed request, and how. */
  credentials?: ReadonlyArray<{
    headers: Record<string, string>;
    statuses: number[];
    note: string;
  }>;
}

const FORMATS: Record<string, (v: string) => boolean> = {
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
  'date-time': (v) => /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)),
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  email: (v) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v),
  uri: (v) => URL.canParse(v),
};

function regexOf(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}

const typesOf = (s: JsonSchema): string[] =>
  s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];

function hasType(type: string, v: unknown, fromText: boolean): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return fromText ? typeof v === 'string' && /^-?\d+$/.test(v.trim()) : Number.isInteger(v);
    case 'number':
      return fromText
        ? typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
        : typeof v === 'number';
    case 'boolean':
      return fromText ? v === 'true' || v === 'false' : typeof v === 'boolean';
    case 'null':
      return v === null;
    case 'array':
      return Array.isArray(v);
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    default:
      return true;
  }
}

/**
 * True when `v` certainly breaks `s` (the subset of JSON Schema zod emits). `fromText`: a path or
 * query value, where numbers and booleans arrive as text.
 */
export function violates(s: JsonSchema, v: unknown, fromText = false): boolean {
  if (s.anyOf) return s.anyOf.every((x) => violates(x, v, fromText));
  if (s.oneOf) return s.oneOf.every((x) => violates(x, v, fromText));
  if (s.allOf) return s.allOf.some((x) => violates(x, v, fromText));
  if (s.const !== undefined) return v !== s.const && JSON.stringify(v) !== JSON.stringify(s.const);
  if (s.enum) return !s.enum.some((e) => e === v || (fromText && String(e) === v));
  const types = typesOf(s);
  if (types.length && !types.some((t) => hasType(t, v, fromText))) return true;
  if (typeof v === 'string' && (!fromText || types.includes('string') || !types.length)) {
    if (s.pattern && !regexOf(s.pattern).test(v)) return true;
    const units = v.length;
    const points = [...v].length;
    if (s.minLength !== undefined && units < s.minLength && points < s.minLength) return true;
    if (s.maxLength !== undefined && units > s.maxLength && points > s.maxLength) return true;
    const format = s.format ? FORMATS[s.format] : undefined;
    if (format && !format(v)) return true;
  }
  const n = typeof v === 'number' ? v : fromText && typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isNaN(n) && (types.includes('number') || types.includes('integer'))) {
    if (s.minimum !== undefined && n < s.minimum) return true;
    if (s.maximum !== undefined && n > s.maximum) return true;
    if (s.exclusiveMinimum !== undefined && n <= s.exclusiveMinimum) return true;
    if (s.exclusiveMaximum !== undefined && n >= s.exclusiveMaximum) return true;
  }
  return false;
}

/** Whether a parameter schema constrains its value at all (otherwise nothing can break it). */
export const isConstrained = (s: JsonSchema): boolean =>
  !!(
    s.anyOf ||
    s.oneOf ||
    s.enum ||
    s.const !== undefined ||
    s.pattern ||
    s.format ||
    s.minLength ||
    s.maxLength !== undefined ||
    typesOf(s).some((t) => t !== 'string')
  );

/** A plausible value of a schema: the base that one deliberate fault is then put into. */
export function sample(s: JsonSchema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  if (s.anyOf?.length) return sample(s.anyOf.find((x) => !typesOf(x).includes('null')) ?? {});
  if (s.oneOf?.length) return sample(s.oneOf[0]);
  const type = typesOf(s).find((t) => t !== 'null') ?? (s.properties ? 'object' : 'string');
  switch (type) {
    case 'string':
      if (s.format === 'date') return new Date().toISOString().slice(0, 10);
      if (s.format === 'date-time') return new Date().toISOString();
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'email') return 'fuzz@example.org';
      if (s.format === 'uri') return 'https://example.org/fuzz';
      return 'x'.repeat(Math.max(s.minLength ?? 3, 1));
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items ?? {}));
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, p]) => [k, sample(p)]));
    default:
      return null;
  }
}

/** Text nobody should be able to store: NUL and unpaired UTF-16 surrogates, among legit oddities. */
const UNSTORABLE = ['\u0000', '\uD800', '\uDFFF', 'a\uDBFFz', '\u0000\u0000'];
/** Legitimate but unusual text around it: RTL overrides, zero-width, emoji, combining marks. */
const ODD_TEXT = fc.constantFrom(
  '\u202Egnp.exe\u202C',
  '\u200B\u200C\u200D\uFEFF',
  '👩🏽‍⚕️🏥',
  'مستشفى',
  'Z̷̛͓a̶l̸g̵o',
  '\u2028\u2029\u0085',
  "'; DROP TABLE ticket; --",
  '${jndi:ldap://x}',
  '../../etc/passwd',
  '𝕿𝖊𝖘𝖙',
);
export const unstorableText = fc
  .tuple(ODD_TEXT, fc.constantFrom(...UNSTORABLE), fc.string({ maxLength: 8 }))
  .map(([a, bad, b]) => `${a}${bad}${b}`);

/** A JSON value of none of the given JSON types (integer counts as number). */
function valueOutside(types: string[]): fc.Arbitrary<unknown> | undefined {
  const allowed = new Set(types.includes('integer') ? [...types, 'number'] : types);
  const all: Array<[string, fc.Arbitrary<unknown>]> = [
    ['string', fc.oneof(fc.string({ maxLength: 20 }), unstorableText)],
    ['number', fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 })],
    [
      'object',
      fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    ],
  ];
  const left = all.filter(([t]) => !allowed.has(t)).map(([, a]) => a);
  return left.length ? fc.oneof(...left) : undefined;
}

/** Types a property certainly has, or [] when the schema does not say (then it is not mistyped). */
function declaredTypes(s: JsonSchema): string[] {
  if (s.anyOf || s.oneOf) {
    const branches = (s.anyOf ?? s.oneOf ?? []).map(declaredTypes);
    return branches.some((b) => !b.length) ? [] : [...new Set(branches.flat())];
  }
  if (s.enum) return [...new Set(s.enum.map((e) => (e === null ? 'null' : typeof e)))];
  if (s.const !== undefined) return [s.const === null ? 'null' : typeof s.const];
  return typesOf(s);
}

/** A path or query value that breaks the parameter's schema. */
function badParamValue(s: JsonSchema): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.string({ maxLength: 24 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
      unstorableText,
      fc.constantFrom('', ' ', '-1', '0', '1e309', '9'.repeat(40), 'null', 'true', '..', '%'),
      fc.integer().map(String),
      fc.nat(5).map((n) => 'Ω'.repeat(10 ** n)),
    )
    .filter((v) => violates(s, v, true));
}

/** Percent-encodes a value; unpaired surrogates become the bytes of their CESU-8 form. */
function encodeParam(v: string): string {
  let out = '';
  for (const ch of v) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0xd800 && c <= 0xdfff) {
      out += `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`;
    } else {
      out += encodeURIComponent(ch);
    }
  }
  return out;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Every way this operation is going to be sent wrong, each as an arbitrary of cases. */
export function caseArbitraries(
  op: Operation,
  fx: Fixtures,
  bodyLimit: number,
): Array<{ kind: string; arb: fc.Arbitrary<FuzzCase> }> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const goodPath = Object.fromEntries(pathParams.map((p) => [p.name, fx.pathValue(p.name)]));
  const urlOf = (path: Record<string, string>, query = '') =>
    `${op.baseUrl}${op.path.replace(/\{(\w+)\}/g, (_, n: string) => path[n] ?? '')}${query}`;
  const auth = { ...fx.auth, ...(op.wsrs ? fx.wsrsHeaders : {}) };
  const required = op.parameters.filter((p) => p.in === 'query' && p.required);
  const goodQuery = required.length
    ? `?${required.map((p) => `${p.name}=${encodeURIComponent(String(fx.values?.[p.name] ?? sample(p.schema)))}`).join('&')}`
    : '';
  const make = (kind: string, over: Partial<FuzzCase> & { note: string }): FuzzCase => ({
    service: op.service,
    kind,
    method: op.method.toUpperCase(),
    url: urlOf(goodPath, goodQuery),
    headers: { ...JSON_HEADERS, ...auth },
    expect: 'refused',
    ...over,
  });
  const out: Array<{ kind: string; arb: fc.Arbitrary<FuzzCase> }> = [];
  const body = op.body;
  const props = Object.entries(body?.properties ?? {});
  const sampled = body ? (sample(body) as Record<string, unknown>) : undefined;
  const base =
    sampled && typeof sampled === 'object'
      ? {
          ...sampled,
          ...Object.fromEntries(Object.entries(fx.values ?? {}).filter(([k]) => k in sampled)),
        }
      : sampled;
  const send = (value: unknown) => JSON.stringify(value);
  /** A body that is wrong however the parameters are: for cases that break something else. */
  const brokenBody = body ? send([]) : undefined;

  if (body && base) {
    out.push({
      kind: 'random JSON that is not an object',
      arb: fc
        .oneof(
          fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }),
          fc.string({ maxLength: 30 }),
          fc.integer(),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.boolean(),
        )
        .map((v) => make('random JSON', { body: send(v), note: `body ${send(v).slice(0, 60)}` })),
    });
    const typed = props
      .map(([k, s]) => [k, valueOutside(declaredTypes(s))] as const)
      .filter((x): x is readonly [string, fc.Arbitrary<unknown>] => !!x[1]);
    if (typed.length)
      out.push({
        kind: 'wrong type',
        arb: fc.oneof(...typed.map(([k, a]) => a.map((v) => [k, v] as const))).map(([k, v]) =>
          make('wrong type', {
            body: send({ ...base, [k]: v }),
            note: `${k} = ${send(v)?.slice(0, 40)}`,
          }),
        ),
      });
    if (body.required?.length)
      out.push({
        kind: 'missing required field',
        arb: fc.constantFrom(...body.required).map((k) => {
          const rest = { ...base };
          delete rest[k];
          return make('missing required field', { body: send(rest), note: `without ${k}` });
        }),
      });
    if (body.additionalProperties === false)
      out.push({
        kind: 'unknown field',
        arb: fc
          .tuple(
            fc
              .string({ minLength: 1, maxLength: 12 })
              .filter((k) => !(k in base) && k !== '__proto__'),
            fc.jsonValue({ maxDepth: 2 }),
          )
          .map(([k, v]) =>
            make('unknown field', { body: send({ ...base, [k]: v }), note: `extra ${send(k)}` }),
          ),
      });
    const strings = props.filter(([, s]) => declaredTypes(s).includes('string')).map(([k]) => k);
    if (strings.length)
      out.push({
        kind: 'unstorable Unicode',
        arb: fc.tuple(fc.constantFrom(...strings), unstorableText).map(([k, v]) =>
          make('unstorable Unicode', {
            body: send({ ...base, [k]: v }),
            note: `${k} = ${send(v)}`,
          }),
        ),
      });
    out.push({
      kind: 'huge body',
      arb: fc
        .tuple(
          fc.constantFrom(...(strings.length ? strings : ['pad'])),
          fc.integer({ min: 1, max: 3 }),
        )
        .map(([k, times]) => {
          const size = Math.max(100_000, bodyLimit + 1) * times;
          return make('huge body', {
            body: send({ ...base, [k]: 'Ω'.repeat(size / 2) }),
            note: `${k} of ${size} bytes`,
          });
        }),
    });
    out.push({
      kind: 'malformed JSON',
      arb: fc
        .oneof(
          fc.nat(40).map((n) => send(base).slice(0, Math.max(1, send(base).length - 1 - n))),
          fc.constantFrom(
            '{',
            '{"a":}',
            "{'a':1}",
            '{"a":1,}',
            'NaN',
            '\u0000',
            '[1,2',
            '{"a":"\\uZZZZ"}',
          ),
          fc.string({ maxLength: 20 }).map((s) => `${send(base)}${s || 'x'}`),
        )
        .map((text) =>
          make('malformed JSON', { body: text, note: `text ${JSON.stringify(text.slice(-30))}` }),
        ),
    });
    out.push({
      kind: 'wrong content type',
      arb: fc
        .constantFrom(
          'text/plain',
          'application/xml',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/octet-stream',
        )
        .map((type) =>
          make('wrong content type', {
            headers: { ...auth, 'content-type': type },
            body: type.includes('urlencoded') ? 'a=1&b=2' : send(base),
            note: type,
          }),
        ),
    });
  }

  for (const p of pathParams) {
    if (isConstrained(p.schema)) {
      out.push({
        kind: `bad path parameter ${p.name}`,
        arb: badParamValue(p.schema).map((v) =>
          make('bad path parameter', {
            url: urlOf({ ...goodPath, [p.name]: encodeParam(v) }, goodQuery),
            body: brokenBody,
            note: `${p.name} = ${JSON.stringify(v.slice(0, 40))}`,
          }),
        ),
      });
    } else if (!body || op.method === 'get') {
      // Free-form: nothing declared to break; odd text must still never be a 5xx.
      out.push({
        kind: `odd path parameter ${p.name}`,
        arb: fc.oneof(unstorableText, ODD_TEXT).map((v) =>
          make('odd path parameter', {
            url: urlOf({ ...goodPath, [p.name]: encodeParam(v) }, goodQuery),
            expect: 'no-5xx',
            note: `${p.name} = ${JSON.stringify(v)}`,
          }),
        ),
      });
    }
  }
  for (const q of queryParams.filter((x) => isConstrained(x.schema))) {
    out.push({
      kind: `bad query parameter ${q.name}`,
      arb: badParamValue(q.schema).map((v) => {
        const rest = required.filter((r) => r.name !== q.name);
        const query = [
          `${q.name}=${encodeParam(v)}`,
          ...rest.map(
            (r) =>
              `${r.name}=${encodeURIComponent(String(fx.values?.[r.name] ?? sample(r.schema)))}`,
          ),
        ].join('&');
        return make('bad query parameter', {
          url: urlOf(goodPath, `?${query}`),
          body: brokenBody,
          note: `${q.name} = ${JSON.stringify(v.slice(0, 40))}`,
        });
      }),
    });
  }
  if (op.wsrs && op.parameters.some((p) => p.name === 'x-token')) {
    const validBody = base ? send(base) : undefined;
    out.push({
      kind: 'missing or wrong credentials',
      arb: fc
        .oneof(
          fc.constant({}),
          fc.constant({ 'x-username': fx.wsrsHeaders['x-username'] }),
          fc.string({ maxLength: 60 }).map((t) => ({
            'x-token': t.replace(/[^\x20-\x7e]/g, ''),
            'x-username': fx.wsrsHeaders['x-username'],
          })),
          fc
            .nat(fx.wsrsHeaders['x-token'].length - 1)
            .map((i) => ({ ...fx.wsrsHeaders, 'x-token': flipChar(fx.wsrsHeaders['x-token'], i) })),
          fc.string({ minLength: 1, maxLength: 20 }).map((u) => ({
            ...fx.wsrsHeaders,
            'x-username': u.replace(/[^\x21-\x7e]/g, '') || 'someone',
          })),
        )
        .map((h: Record<string, string>) =>
          make('missing or wrong credentials', {
            headers: { ...JSON_HEADERS, ...h },
            body: validBody,
            note: `headers ${JSON.stringify(Object.keys(h))}`,
          }),
        ),
    });
  }
  if (op.wsrs && op.parameters.some((p) => p.name === 'x-password')) {
    const user = fx.wsrsHeaders['x-username'];
    const printable = (t: string) => t.replace(/[^\x21-\x7e]/g, '') || 'salah';
    out.push({
      kind: 'missing or wrong password',
      arb: fc
        .oneof(
          fc.constant({}),
          fc.constant({ 'x-username': user }),
          fc
            .string({ maxLength: 40 })
            .map((pw) => ({ 'x-username': user, 'x-password': printable(pw) })),
          fc
            .tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }))
            .map(([u, pw]) => ({ 'x-username': printable(u), 'x-password': printable(pw) })),
        )
        .map((h: Record<string, string>) =>
          make('missing or wrong password', {
            headers: h,
            note: `headers ${JSON.stringify(Object.keys(h))}`,
          }),
        ),
    });
  }
  // Each credential on its own, every one of them on every operation that takes credentials.
  for (const cred of fx.credentials ?? [])
    out.push({
      kind: `credentials: ${cred.note}`,
      arb: fc.constant(
        make('missing or wrong credentials', {
          // No JSON media type without a body: Fastify refuses an empty JSON body before auth.
          headers: {
            ...(base && JSON_HEADERS),
            ...(op.wsrs ? fx.wsrsHeaders : {}),
            ...cred.headers,
          },
          body: base ? send(base) : undefined,
          statuses: cred.statuses,
          note: cred.note,
        }),
      ),
    });
  return out;
}

function flipChar(s: string, i: number): string {
  const c = s[i] === 'A' ? 'B' : 'A';
  return `${s.slice(0, i)}${c}${s.slice(i + 1)}`;
}
