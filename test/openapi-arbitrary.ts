/**
 * fast-check arbitraries for requests to the directory, drawn from the OpenAPI document it
 * serves: each documented operation with values its schemas allow, mixed with the inputs a
 * fuzzer tries (NUL, malformed percent-encoding, huge numbers, unicode, repeated parameters)
 * and with bodies in wrong types, charsets and encodings.
 */
import zlib from 'node:zlib';
import fc from 'fast-check';

export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface Parameter {
  name: string;
  in: string;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** A request as sent: `path` is already percent-encoded (or deliberately not). */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Strings that broke or could break a parser or PostgreSQL, as decoded text. */
export const edgeText = fc.oneof(
  fc.constantFrom('', ' ', '\0', 'a\0b', '1e309', '99999999999999999999999', '-1', '0', '-0', '1.5', 'NaN', 'Infinity', 'true', 'null', '[]', '{}'),
  fc.constantFrom('💥', 'ǅ', '\u202e', '\ufeff', '\ud800', 'x'.repeat(5000), '<script>alert(1)</script>', "' or 1=1 --", '%', '\\', '../../etc/passwd', 'Ünïcödé façade'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** Percent-encodings put in a URL as they are: malformed, NUL, overlong, doubly encoded. */
export const rawEncoded = fc.constantFrom('%00', '%ff', '%E0%A4%A', '%', '%%', '%C0%80', '%u0041', '%2500', '%EF%BF%BF', '%F0%9F%98%80', '..%2F..%2F', '%0d%0aX-Injected:1', '%2e%2e', '%e9t%e9');

/** UTF-8 percent-encoding that never throws (a lone surrogate becomes U+FFFD, as a browser sends it). */
export const encode = (s: string) => Array.from(Buffer.from(s, 'utf8'), (b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/**
 * A value as URL text: an object or array as its JSON (String() throws on the prototype-less
 * objects fast-check's jsonValue draws, and would say "[object Object]" of the others).
 */
const asText = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

/** A URL piece: a schema value encoded or, when `dirty`, also an edge text encoded or a raw percent-encoding. */
const urlPiece = (valid: fc.Arbitrary<unknown>, dirty = true) =>
  !dirty ? valid.map((v) => encode(asText(v))) : fc.oneof({ weight: 3, arbitrary: valid.map((v) => encode(asText(v))) }, { weight: 1, arbitrary: edgeText.map(encode) }, { weight: 1, arbitrary: rawEncoded });

/** Feed addresses only on loopback port 1 or in schemes the server refuses: a fuzzed source preview never waits on the network. */
const uris = fc.constantFrom('http://127.0.0.1:1/feed.json', 'https://[::1]:1/feed.xml', 'ftp://127.0.0.1/x', 'javascript:alert(1)', 'http://169.254.169.254/latest/meta-data/', 'not a url');

/** Values a schema allows; when `dirty`, with edge text mixed into its strings and out-of-range numbers. */
export function valueOf(schema: Schema | undefined, doc: OpenApiDocument, dirty = true, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if (schema.$ref) return valueOf(doc.components?.schemas?.[schema.$ref.split('/').pop() ?? ''], doc, dirty, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valueOf(s, doc, dirty, depth + 1)));
  if (schema.allOf) return valueOf(schema.allOf[0], doc, dirty, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (type.length > 1) return fc.oneof(...type.map((t) => valueOf({ ...schema, type: t }, doc, dirty, depth + 1)));
  const mixed = (valid: fc.Arbitrary<unknown>) => (dirty ? fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: edgeText }) : valid);
  const odd = (valid: fc.Arbitrary<unknown>, ...values: unknown[]) => (dirty ? fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom(...values) }) : valid);
  switch (type[0]) {
    case 'string':
      if (schema.format === 'uuid') return mixed(fc.uuid());
      if (schema.format === 'email') return mixed(fc.emailAddress());
      if (schema.format === 'uri') return mixed(uris);
      if (schema.format === 'date-time') return mixed(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
      if (schema.pattern) return mixed(fc.stringMatching(new RegExp(schema.pattern)));
      return mixed(fc.oneof(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 60, 60) }), fc.constantFrom('FR', 'SN', 'KE', '002', 'C', 'C10', 'north-south', 'partner search', 'agence', 'technology-licensing')));
    case 'integer':
      return odd(fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1000 }), Number.MAX_SAFE_INTEGER, -2147483649, 2147483648, 1e308, 1.5, '7');
    case 'number':
      return odd(fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1000 }), 1e308, -1e308, Number.MIN_VALUE, '7');
    case 'boolean':
      return odd(fc.boolean(), 'true', 0, null);
    case 'array':
      return fc.array(valueOf(schema.items, doc, dirty, depth + 1), { maxLength: 4 });
    case 'object': {
      const properties = schema.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, s] of Object.entries(properties)) record[name] = valueOf(s, doc, dirty, depth + 1);
      const required = (schema.required ?? []).filter((n) => n in properties);
      return fc.record(record, { requiredKeys: required });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** How a body is framed: its Content-Type and Content-Encoding, right or wrong. */
const wrongTypes = ['application/json; charset=utf-8', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'application/json; charset=%00', 'text/plain', 'application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=iso-8859-1', 'multipart/form-data; boundary=x', 'application/merge-patch+json', 'text/html; charset=koi8-r', '*/*', ';;;'];
export const contentTypes = (usual: string) => fc.oneof({ weight: 6, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(...wrongTypes) });
type Compress = [string | undefined, (b: Buffer) => Buffer];
const encodings = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Compress>([undefined, (b) => b]) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Compress>(
      ['gzip', (b) => zlib.gzipSync(b)],
      ['gzip', (b) => b],
      ['br', (b) => zlib.brotliCompressSync(b)],
      ['br', (b) => b],
      ['deflate', (b) => zlib.deflateSync(b)],
      ['deflate', (b) => b],
      ['identity', (b) => b],
      ['compress', (b) => b],
      ['x-unknown', (b) => b],
      ['gzip, br', (b) => b],
    ),
  },
);
const jsonText = (value: fc.Arbitrary<unknown>, dirty: boolean) =>
  !dirty ? value.map((v) => JSON.stringify(v) ?? 'null') : fc.oneof(
    { weight: 6, arbitrary: value.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '{"a":', 'null', '[]', '"\\u0000"', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', `${'['.repeat(5000)}${']'.repeat(5000)}`, 'a=b&c=%00', '\u0000') },
  );

export interface FramedBody {
  headers: Record<string, string>;
  body?: Buffer;
}

/** A body's text framed by a Content-Type (usually `usual`) and a Content-Encoding (usually none). */
export const framed = (text: fc.Arbitrary<string>, usual: string, dirty = true): fc.Arbitrary<FramedBody> =>
  fc.tuple(text, dirty ? contentTypes(usual) : fc.constant(usual), dirty ? encodings : fc.constant<Compress>([undefined, (b) => b])).map(([t, type, [encoding, compress]]) => ({
    headers: { 'Content-Type': type, ...(encoding ? { 'Content-Encoding': encoding } : {}) },
    body: compress(Buffer.from(t, 'utf8')),
  }));

/** A JSON body for an operation's schema; when `dirty`, with edge values and framed right or wrong. */
export const jsonBodyOf = (schema: Schema | undefined, doc: OpenApiDocument, dirty = true) => framed(jsonText(valueOf(schema, doc, dirty), dirty), 'application/json', dirty);

/** A form body with these field names (and, when `dirty`, any other), framed right or wrong. */
export const formBodyOf = (fields: string[], dirty = true) =>
  framed(
    fc
      .array(fc.tuple(dirty ? fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 6 }).map(encode)) : fc.constantFrom(...fields), urlPiece(fc.oneof(fc.string(), fc.emailAddress(), fc.constantFrom('FR', 'firm', 'on', 'en')), dirty)), { maxLength: 6 })
      .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
    'application/x-www-form-urlencoded',
    dirty,
  );

const noBody = fc.constant<FramedBody>({ headers: {} });

/** A query string from named parameters: each absent, given once, repeated, or as `name[]`. */
export function queryOf(parameters: { name: string; value: fc.Arbitrary<unknown> }[], dirty = true): fc.Arbitrary<string> {
  const one = ({ name, value }: { name: string; value: fc.Arbitrary<unknown> }) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as string[]) },
      { weight: 3, arbitrary: urlPiece(value, dirty).map((v) => [`${name}=${v}`]) },
      { weight: dirty ? 1 : 0, arbitrary: fc.array(urlPiece(value), { minLength: 2, maxLength: 3 }).map((vs) => vs.map((v) => `${name}=${v}`)) },
      { weight: dirty ? 1 : 0, arbitrary: urlPiece(value).map((v) => [`${name}[]=${v}`, `${name}[x]=${v}`]) },
    );
  const extra = fc.oneof({ weight: 5, arbitrary: fc.constant([] as string[]) }, { weight: dirty ? 1 : 0, arbitrary: fc.tuple(urlPiece(fc.string({ maxLength: 8 })), urlPiece(fc.string())).map(([k, v]) => [`${k}=${v}`]) });
  return fc.tuple(...parameters.map(one), extra).map((parts) => {
    const pairs = parts.flat();
    return pairs.length ? `?${pairs.join('&')}` : '';
  });
}

/** A path template (`/x/{id}` or `/x/:id`) with each parameter filled from `ids` (known entries) or fuzz. */
export function pathOf(template: string, ids: string[], dirty = true): fc.Arbitrary<string> {
  const parts = template.split(/(\{[^}]+\}|:[A-Za-z0-9_]+)/);
  const filled = parts.map((part, i) => (i % 2 === 1 ? urlPiece(ids.length ? fc.oneof(fc.constantFrom(...ids), fc.uuid()) : fc.uuid(), dirty) : fc.constant(part)));
  return fc.tuple(...filled).map((p) => p.join(''));
}

/**
 * Every documented operation as a request arbitrary, half of them clean (valid values, right
 * framing: they reach handlers and the database) and half dirty; `ids` are entries that exist.
 */
export function operationRequests(doc: OpenApiDocument, basePath: string, ids: string[]): fc.Arbitrary<FuzzRequest> {
  const requests: fc.Arbitrary<FuzzRequest>[] = [];
  for (const [template, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      for (const dirty of [true, false]) {
        const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, value: valueOf(p.schema, doc, dirty) }));
        const schema = op.requestBody?.content?.['application/json']?.schema;
        const body = op.requestBody ? jsonBodyOf(schema, doc, dirty) : dirty ? fc.oneof({ weight: 4, arbitrary: noBody }, { weight: 1, arbitrary: jsonBodyOf(undefined, doc) }) : noBody;
        const verb = dirty ? fc.oneof({ weight: 9, arbitrary: fc.constant(method.toUpperCase()) }, { weight: 1, arbitrary: fc.constantFrom('PUT', 'PATCH', 'DELETE', 'OPTIONS') }) : fc.constant(method.toUpperCase());
        requests.push(fc.record({ verb, path: pathOf(template, ids, dirty), query: queryOf(query, dirty), body }).map((r) => ({ method: r.verb, path: `${basePath}${r.path}${r.query}`, ...r.body, headers: { ...r.body.headers } })));
      }
    }
  }
  return fc.oneof(...requests);
}

/** Query parameters and form fields the pages read, so fuzzed values reach their code. */
const pageParameters = ['q', 'lang', 'country', 'region', 'kind', 'direction', 'sector', 'service', 'partnershipType', 'network', 'ldc', 'cursor', 'page', 'next', 'token', 'type', 'status', 'table', 'flagged', 'frequency', 'id'];
const formFields = ['_csrf', 'email', 'password', 'name', 'kind', 'country', 'message', 'website', 'description', 'q', 'frequency', 'lang', 'status', 'outcome', 'reason', 'url', 'connector', 'schedule'];

/** Requests to page routes (`/x/:id`, GET or POST), half clean and half dirty, as a browser or anything else could send them. */
export function pageRequests(routes: { method: string; path: string }[], basePath: string, ids: string[]): fc.Arbitrary<FuzzRequest> {
  const value = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('fr', 'es', 'SN', 'north-south', '2', 'true'));
  const requests = routes.flatMap((route) =>
    [true, false].map((dirty) => {
      const query = queryOf(pageParameters.map((name) => ({ name, value })), dirty);
      const body = route.method !== 'post' ? noBody : dirty ? formBodyOf(formFields) : formBodyOf(formFields, false);
      return fc.record({ path: pathOf(route.path, ids, dirty), query, body }).map((r) => ({ method: route.method.toUpperCase(), path: `${basePath}${r.path}${r.query}`, ...r.body, headers: { ...r.body.headers } }));
    }),
  );
  return fc.oneof(...requests);
}

/** Cookie headers: none, a language, or a malformed or NUL-carrying one. */
export const cookiesWith = (session: string | undefined) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('lang=fr', 'lang=es', 'lang=xx') }, { weight: 1, arbitrary: rawEncoded.map((v) => `lang=${v}`) }).map((lang) => [session, lang].filter(Boolean).join('; '));
