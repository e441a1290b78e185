import { BundleLine } from './bundle-format';

/** A line that is not what the format says a line is (docs/audit-bundle.md). */
export class MalformedBundleLineError extends Error {
  readonly code = 'bundle.malformed_line';
  constructor(message: string) {
    super(message);
    this.name = 'MalformedBundleLineError';
  }
}

type FieldCheck = (value: unknown) => string | undefined;

const HEX_32 = /^[0-9a-f]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const KEY_ID = /^[0-9a-f]{16}$/;

const integer =
  (min: number): FieldCheck =>
  (value) =>
    Number.isSafeInteger(value) && (value as number) >= min ? undefined : `an integer >= ${min}`;
const string: FieldCheck = (value) => (typeof value === 'string' ? undefined : 'a string');
const pattern =
  (regex: RegExp, what: string): FieldCheck =>
  (value) =>
    typeof value === 'string' && regex.test(value) ? undefined : what;
const hash = pattern(HEX_32, '64 lowercase hex digits');
const nullableHash: FieldCheck = (value) => (value === null ? undefined : hash(value));
const anyJson: FieldCheck = () => undefined;
const literal =
  (expected: string): FieldCheck =>
  (value) =>
    value === expected ? undefined : JSON.stringify(expected);
const keyList: FieldCheck = (value) => {
  if (!Array.isArray(value)) return 'an array of keys';
  const bad = value.findIndex(
    (key) =>
      typeof key !== 'object' ||
      key === null ||
      checkFields(key as Record<string, unknown>, KEY_FIELDS, 'key') !== undefined,
  );
  return bad < 0 ? undefined : `an array of {keyId, fingerprint, publicKey} (entry ${bad} is not)`;
};

const KEY_FIELDS: Record<string, FieldCheck> = {
  keyId: pattern(KEY_ID, '16 lowercase hex digits'),
  fingerprint: hash,
  publicKey: string,
};

/** Every field of every kind of line, and nothing else: an added field is as suspect as an altered one. */
const SHAPES: Record<BundleLine['kind'], Record<string, FieldCheck>> = {
  header: {
    kind: literal('header'),
    format: string,
    version: integer(1),
    from: integer(1),
    to: integer(1),
    sealedTo: integer(0),
    anchor: hash,
    keys: keyList,
    createdAt: string,
  },
  event: {
    kind: literal('event'),
    position: integer(1),
    eventId: string,
    streamId: string,
    streamType: string,
    version: integer(1),
    type: string,
    schemaVersion: integer(1),
    data: anyJson,
    metadata: anyJson,
    occurredAt: string,
    recordedAt: string,
    previousHash: nullableHash,
    hash,
    ledgerHash: hash,
  },
  seal: {
    kind: literal('seal'),
    fromPosition: integer(1),
    toPosition: integer(1),
    headHash: hash,
    keyId: pattern(KEY_ID, '16 lowercase hex digits'),
    signature: pattern(BASE64, 'base64'),
    sealedAt: string,
  },
  trailer: {
    kind: literal('trailer'),
    lines: integer(1),
    events: integer(0),
    seals: integer(0),
    digest: hash,
  },
};

function checkFields(
  object: Record<string, unknown>,
  fields: Record<string, FieldCheck>,
  what: string,
): string | undefined {
  for (const [name, check] of Object.entries(fields)) {
    if (!(name in object)) return `the ${what} has no "${name}"`;
    const expected = check(object[name]);
    if (expected !== undefined)
      return `"${name}" of the ${what} must be ${expected}, got ${JSON.stringify(object[name])?.slice(0, 80)}`;
  }
  const extra = Object.keys(object).find((name) => !(name in fields));
  return extra === undefined ? undefined : `the ${what} has an unknown field "${extra}"`;
}

/** Parses one line of a bundle, checking its shape; throws MalformedBundleLineError. */
export function parseBundleLine(text: string): BundleLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MalformedBundleLineError(`not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new MalformedBundleLineError('not a JSON object');
  const kind = (value as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !Object.hasOwn(SHAPES, kind))
    throw new MalformedBundleLineError(
      `unknown kind ${JSON.stringify(kind)}: expected header, event, seal or trailer`,
    );
  const problem = checkFields(
    value as Record<string, unknown>,
    SHAPES[kind as BundleLine['kind']],
    `${kind} line`,
  );
  if (problem !== undefined) throw new MalformedBundleLineError(problem);
  return value as BundleLine;
}
