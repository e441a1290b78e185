import { canonicalJson } from './canonical-json';
import { canonicalEvent, EventMetadata } from './envelope';
import { InvalidAppendError, InvalidAppendProblem } from './errors';
import { encodeExpectedVersion, ExpectedVersion } from './expected-version';
import { deterministicEventId, UUID_PATTERN, uuidv7 } from './ids';
import { AppendArrays } from './event-store.repository';
import { EVENT_TYPE_PATTERN, streamTypeOf } from './stream-id';

export interface NewEvent {
  /** A UUID; derived from the idempotency key when one is given, else a fresh UUIDv7. */
  readonly eventId?: string;
  readonly type: string;
  readonly schemaVersion?: number;
  readonly data: unknown;
  readonly metadata?: EventMetadata;
  /** When the fact happened; defaults to the time of the append. */
  readonly occurredAt?: Date | string;
}

export interface StreamAppend {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly NewEvent[];
}

export interface AppendOptions {
  /** Derives event ids deterministically, so a retried append is recognised as the same append. */
  readonly idempotencyKey?: string;
  /** Merged under each event's own metadata (actor, transport, correlation ids). */
  readonly metadata?: EventMetadata;
}

export interface AppendLimits {
  readonly maxEventDataBytes: number;
  readonly maxEventsPerAppend: number;
}

// JSON.stringify writes U+0000 as \u0000, which PostgreSQL's jsonb refuses; an escaped backslash before it is not one.
const NUL_ESCAPE = /(^|[^\\])(\\\\)*\\u0000/;

/**
 * Checks an append against the formats and limits, assigns ids and times, and lays it out as the
 * arrays `annals_append` takes. Every problem is reported, not only the first.
 */
export function prepareAppend(
  appends: readonly StreamAppend[],
  options: AppendOptions,
  limits: AppendLimits,
  now: Date,
): AppendArrays {
  const problems: InvalidAppendProblem[] = [];
  const total = appends.reduce((n, a) => n + a.events.length, 0);
  if (appends.length === 0 || total === 0) {
    problems.push({ field: 'events', code: 'append.empty', message: 'an append needs at least one event' });
  }
  if (total > limits.maxEventsPerAppend) {
    problems.push({
      field: 'events',
      code: 'append.too_large',
      message: 'too many events in one append',
      expected: `<= ${limits.maxEventsPerAppend}`,
      actual: total,
    });
  }

  // Sorted streams: annals_append locks them in this order.
  const ordered = [...appends].sort((a, b) =>
    a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0,
  );
  const arrays: AppendArrays = {
    streamIds: [],
    streamTypes: [],
    expected: [],
    eventIds: [],
    eventStream: [],
    canonical: [],
  };
  const recordedAt = now.toISOString();
  const seenIds = new Set<string>();

  ordered.forEach((append, s) => {
    const at = `streams[${appends.indexOf(append)}]`;
    const streamType = streamTypeOf(append.streamId);
    if (streamType === undefined) {
      problems.push({
        field: `${at}.streamId`,
        code: 'stream.invalid_id',
        message: 'a stream id is <kind>-<id>: a lowercase kind, a dash, then letters, digits, . _ : -',
        expected: '^[a-z][a-z0-9_]{0,31}-[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$',
        actual: append.streamId,
      });
    }
    if (arrays.streamIds.includes(append.streamId)) {
      problems.push({
        field: `${at}.streamId`,
        code: 'append.duplicate_stream',
        message: 'a stream may appear once per append',
        actual: append.streamId,
      });
    }
    if (!isValidExpectedVersion(append.expectedVersion)) {
      problems.push({
        field: `${at}.expectedVersion`,
        code: 'append.invalid_expected_version',
        message: 'expected version is a non-negative integer, any, no_stream or stream_exists',
        actual: String(append.expectedVersion),
      });
    }
    arrays.streamIds.push(append.streamId);
    arrays.streamTypes.push(streamType ?? '');
    arrays.expected.push(
      isValidExpectedVersion(append.expectedVersion) ? encodeExpectedVersion(append.expectedVersion) : -1,
    );

    append.events.forEach((event, index) => {
      const field = `${at}.events[${index}]`;
      const eventId =
        event.eventId ??
        (options.idempotencyKey !== undefined
          ? deterministicEventId(options.idempotencyKey, append.streamId, index)
          : uuidv7(now.getTime()));
      if (!UUID_PATTERN.test(eventId)) {
        problems.push({
          field: `${field}.eventId`,
          code: 'event.invalid_id',
          message: 'an event id is a UUID',
          actual: eventId,
        });
      } else if (seenIds.has(eventId.toLowerCase())) {
        problems.push({
          field: `${field}.eventId`,
          code: 'event.duplicate_id',
          message: 'an event id appears twice in the append',
          actual: eventId,
        });
      }
      seenIds.add(eventId.toLowerCase());
      if (!EVENT_TYPE_PATTERN.test(event.type ?? '')) {
        problems.push({
          field: `${field}.type`,
          code: 'event.invalid_type',
          message:
            'an event type starts with a letter; letters, digits, _ . : - follow; 128 characters at most',
          expected: EVENT_TYPE_PATTERN.source,
          actual: String(event.type),
        });
      }
      const schemaVersion = event.schemaVersion ?? 1;
      if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > 32767) {
        problems.push({
          field: `${field}.schemaVersion`,
          code: 'event.invalid_schema_version',
          message: 'an integer from 1 to 32767',
          actual: String(schemaVersion),
        });
      }
      const occurredAt = toIso(event.occurredAt ?? now);
      if (occurredAt === undefined) {
        problems.push({
          field: `${field}.occurredAt`,
          code: 'event.invalid_occurred_at',
          message: 'an ISO 8601 time',
          actual: String(event.occurredAt),
        });
      }
      if (
        event.metadata !== undefined &&
        (event.metadata === null || typeof event.metadata !== 'object' || Array.isArray(event.metadata))
      ) {
        problems.push({
          field: `${field}.metadata`,
          code: 'event.invalid_metadata',
          message: 'metadata is a JSON object',
        });
      }
      let canonical = '';
      try {
        const canonicalData = canonicalJson(event.data ?? null);
        const dataBytes = Buffer.byteLength(canonicalData, 'utf8');
        if (dataBytes > limits.maxEventDataBytes) {
          problems.push({
            field: `${field}.data`,
            code: 'append.too_large',
            message: 'event data is too large',
            expected: `<= ${limits.maxEventDataBytes} bytes`,
            actual: dataBytes,
          });
        }
        canonical = canonicalEvent(
          {
            eventId: eventId.toLowerCase(),
            streamId: append.streamId,
            streamType: streamType ?? '',
            type: event.type,
            schemaVersion,
            data: event.data ?? null,
            metadata: { ...options.metadata, ...event.metadata },
            occurredAt: occurredAt ?? '',
            recordedAt,
          },
          canonicalData,
        );
        if (NUL_ESCAPE.test(canonical)) {
          problems.push({
            field: `${field}`,
            code: 'event.nul_character',
            message: 'strings may not contain the NUL character (U+0000)',
          });
        }
      } catch (error) {
        problems.push({
          field: `${field}.data`,
          code: 'event.invalid_data',
          message: (error as Error).message,
        });
      }
      arrays.eventIds.push(eventId.toLowerCase());
      arrays.eventStream.push(s + 1);
      arrays.canonical.push(canonical);
    });
  });

  if (problems.length > 0) throw new InvalidAppendError(problems);
  return arrays;
}

function isValidExpectedVersion(v: unknown): v is ExpectedVersion {
  return (
    v === 'any' ||
    v === 'no_stream' ||
    v === 'stream_exists' ||
    (Number.isSafeInteger(v) && (v as number) >= 0)
  );
}

function toIso(value: Date | string): string | undefined {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}
