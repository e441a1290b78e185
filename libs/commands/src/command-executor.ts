import { createHash } from 'node:crypto';
import { Kysely } from 'kysely';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainEvent, fold } from '@annals/domain';
import { ENTITY_ID_MESSAGE, ENTITY_ID_REGEX, FieldProblem, fieldProblems } from '@annals/contracts';
import {
  AppendResult,
  canonicalJson,
  EventMetadata,
  EventStore,
  ExpectedVersion,
  IdempotencyKeyReusedError,
  parseExpectedVersion,
  streamIdOf,
  uuidv7,
  WrongExpectedVersionError,
} from '@annals/event-store';
import { AggregateKind, deciderOf, StateOf } from './aggregates';
import { CommandContext, CommandDefinition, Loaded } from './command-definition';
import { CommandFailedError } from './command-errors';
import { CommandResult, StoredCommandResult } from './command-result';
import { CommandRegistry } from './command-registry';
import { EventSchemas } from './event-schemas';
import { IdempotencyRepository } from './idempotency.repository';

export interface CommandEnvelope {
  readonly type: string;
  readonly id?: string;
  readonly expectedVersion?: ExpectedVersion | string | number;
  readonly idempotencyKey?: string;
  readonly data: Record<string, unknown>;
}

export interface ExecuteOptions {
  /** Who and how: recorded in every event's metadata. */
  readonly metadata: EventMetadata;
  /** Set when the transport already validated `data` against the command's class (REST resource routes). */
  readonly prevalidated?: boolean;
  /** A batch names the failing command's index; a single command answers with its own error. */
  readonly batch?: boolean;
}

/** A command that passed validation, ready to run. */
interface Prepared {
  readonly definition: CommandDefinition;
  readonly id: string;
  readonly data: object;
  readonly occurredAt: Date | undefined;
  readonly expectedVersion: ExpectedVersion | undefined;
  readonly idempotencyKey: string | undefined;
  readonly requestHash: string;
}

/** Entity locks make conflicts rare (other streams of multi-stream commands, other processes); a few retries absorb them. */
const MAX_ATTEMPTS = 8;
/** PostgreSQL aborts one of two transactions that wait on each other: safe to run again. */
const DEADLOCK_DETECTED = '40P01';

/** Exponential with full jitter, so retrying writers do not collide again in step. */
const backoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * 2 ** attempt)));

export class InvalidCommandError extends Error {
  readonly code = 'command.invalid';
  constructor(readonly errors: readonly FieldProblem[]) {
    super(
      `${errors.length} invalid field${errors.length === 1 ? '' : 's'}: ${errors.map((e) => e.field).join(', ')}`,
    );
    this.name = 'InvalidCommandError';
  }
}

/**
 * Runs commands: validate, then in one transaction for the whole list: load the streams each command
 * needs (folded with the aggregate's `evolve`), `decide`, append with the versions it loaded, record
 * the idempotency key. A conflict with a concurrent writer re-runs everything from a fresh load,
 * unless the caller pinned a version. After commit, waits for the ledger positions.
 */
export class CommandExecutor {
  constructor(
    private readonly store: EventStore,
    private readonly registry: CommandRegistry,
    private readonly schemas: EventSchemas,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async execute(envelopes: readonly CommandEnvelope[], options: ExecuteOptions): Promise<CommandResult[]> {
    const prepared = await this.prepareAll(envelopes, options);
    const retryable = prepared.every((p) => p.expectedVersion === undefined);
    for (let attempt = 1; ; attempt++) {
      try {
        const stored = await this.store.transaction((store, trx) =>
          this.runAll(prepared, store, trx, options),
        );
        return await this.withPositions(stored);
      } catch (error) {
        const cause = error instanceof CommandFailedError ? error.cause : error;
        const conflict = cause instanceof WrongExpectedVersionError && retryable;
        const deadlock = (cause as { code?: string })?.code === DEADLOCK_DETECTED;
        if (!(conflict || deadlock || cause instanceof ConcurrentRetry) || attempt >= MAX_ATTEMPTS)
          throw error;
        await backoff(attempt);
      }
    }
  }

  private async prepareAll(
    envelopes: readonly CommandEnvelope[],
    options: ExecuteOptions,
  ): Promise<Prepared[]> {
    const problems: FieldProblem[] = [];
    const prepared: Prepared[] = [];
    for (const [index, envelope] of envelopes.entries()) {
      const prefix = options.batch ? `commands[${index}].` : '';
      const { value, errors } = await this.prepare(envelope, options, prefix);
      problems.push(...errors);
      if (value) prepared.push(value);
    }
    if (problems.length > 0) throw new InvalidCommandError(problems);
    return prepared;
  }

  private async prepare(
    envelope: CommandEnvelope,
    options: ExecuteOptions,
    prefix: string,
  ): Promise<{ value?: Prepared; errors: FieldProblem[] }> {
    const definition = this.registry.find(envelope.type);
    if (!definition) {
      return {
        errors: [
          {
            field: `${prefix}type`,
            code: 'command.unknown_type',
            message: `unknown command; one of ${this.registry.types().join(', ')}`,
            actual: envelope.type,
          },
        ],
      };
    }
    const errors: FieldProblem[] = [];
    const id =
      envelope.id ?? (envelope.data.id as string | undefined) ?? (definition.creates ? undefined : '');
    if (id !== undefined && !ENTITY_ID_REGEX.test(id)) {
      errors.push({
        field: `${prefix}id`,
        code: id === '' ? 'field.required' : 'field.bad_format',
        message: ENTITY_ID_MESSAGE,
        actual: id,
      });
    }
    let expectedVersion: ExpectedVersion | undefined;
    if (envelope.expectedVersion !== undefined) {
      expectedVersion = parseExpectedVersion(String(envelope.expectedVersion));
      if (expectedVersion === undefined) {
        errors.push({
          field: `${prefix}expectedVersion`,
          code: 'field.bad_format',
          message: 'a version number, no_stream, stream_exists or any',
          actual: envelope.expectedVersion,
        });
      }
    }
    // A resource route's pipe already built and checked the instance: transforming again costs seconds
    // on a 50,000-entry checksum map.
    const instance = (
      options.prevalidated && envelope.data instanceof definition.dto
        ? envelope.data
        : plainToInstance(definition.dto, envelope.data)
    ) as object;
    if (!options.prevalidated) {
      const invalid = await validate(instance, {
        whitelist: true,
        forbidNonWhitelisted: true,
        validationError: { target: false, value: true },
      });
      errors.push(
        ...fieldProblems(invalid, `${prefix}data`).map((p) =>
          options.batch ? p : { ...p, field: p.field.replace(/^data\./, '') },
        ),
      );
    }
    if (errors.length > 0) return { errors };
    const { occurredAt, id: _bodyId, ...data } = instance as { occurredAt?: string; id?: string };
    return {
      errors,
      value: {
        definition,
        id: id ?? uuidv7(this.clock().getTime()),
        data,
        occurredAt: occurredAt === undefined ? undefined : new Date(occurredAt),
        expectedVersion,
        idempotencyKey: envelope.idempotencyKey,
        requestHash: createHash('sha256')
          .update(
            canonicalJson({
              type: envelope.type,
              id: envelope.id ?? envelope.data.id,
              expectedVersion: envelope.expectedVersion,
              data: envelope.data,
            }),
          )
          .digest('hex'),
      },
    };
  }

  private async runAll(
    prepared: readonly Prepared[],
    store: EventStore,
    trx: Kysely<any>,
    options: ExecuteOptions,
  ): Promise<StoredResult[]> {
    const idempotency = new IdempotencyRepository(trx);
    const results: StoredResult[] = [];
    for (const [index, command] of prepared.entries()) {
      try {
        results.push(await this.run(command, store, idempotency, options.metadata));
      } catch (error) {
        throw options.batch ? new CommandFailedError(index, error) : error;
      }
    }
    return results;
  }

  private async run(
    command: Prepared,
    store: EventStore,
    idempotency: IdempotencyRepository,
    metadata: EventMetadata,
  ): Promise<StoredResult> {
    if (command.idempotencyKey !== undefined) {
      const earlier = await idempotency.find(command.idempotencyKey);
      if (earlier) {
        if (earlier.requestHash !== command.requestHash)
          throw new IdempotencyKeyReusedError(command.idempotencyKey);
        return { stored: earlier.result, replayed: true };
      }
    }
    const { definition } = command;
    // Without a pinned version the caller wants its command applied to whatever is current: wait for
    // concurrent writers of the same entity rather than racing them.
    if (command.expectedVersion === undefined) {
      await store.lockStream(streamIdOf(definition.aggregate, command.id));
    }
    const now = this.clock();
    let latestLoadedFact = 0;
    const context: CommandContext = {
      // Read when the command decides, after its loads: a defaulted occurredAt ("now") is never earlier
      // than a fact already recorded on a stream it loaded (a concurrent writer's clock may have been a
      // millisecond ahead), so the order of time stays the order of versions without refusing anything.
      get metadata() {
        return { now, occurredAt: command.occurredAt ?? new Date(Math.max(now.getTime(), latestLoadedFact)) };
      },
      load: async (kind, id) => {
        const loaded = await this.load(store, kind, id);
        latestLoadedFact = Math.max(latestLoadedFact, loaded.lastOccurredAt);
        return loaded;
      },
      newId: () => uuidv7(now.getTime()),
    };
    const outcome = await definition.execute(context, command.id, command.data);
    const primary = outcome.primary;
    if (command.expectedVersion !== undefined && !matches(command.expectedVersion, primary.version)) {
      throw new WrongExpectedVersionError(primary.streamId, command.expectedVersion, primary.version);
    }
    const changes = outcome.changes.filter((c) => c.events.length > 0);
    const appended: AppendResult | undefined =
      changes.length === 0
        ? undefined
        : await store.append(
            changes.map((c) => ({
              streamId: c.stream.streamId,
              expectedVersion: c.stream.version === 0 ? 'no_stream' : c.stream.version,
              events: c.events.map((e) => ({
                type: e.type,
                schemaVersion: this.schemas.schemaVersionOf(e.type),
                data: e.data,
                occurredAt: e.occurredAt,
              })),
            })),
            {
              idempotencyKey: command.idempotencyKey,
              metadata: {
                ...metadata,
                command: definition.type,
                ...(command.idempotencyKey && { idempotencyKey: command.idempotencyKey }),
              },
            },
          );
    const types = changes.flatMap((c) => c.events.map((e) => e.type));
    const stored: StoredCommandResult = {
      id: command.id,
      streamId: primary.streamId,
      version: appended?.streams.find((s) => s.streamId === primary.streamId)?.version ?? primary.version,
      events: (appended?.events ?? []).map((e, i) => ({
        eventId: e.eventId,
        streamId: e.streamId,
        type: types[i],
        version: e.version,
        position: null,
        seq: e.seq,
      })),
    };
    if (
      command.idempotencyKey !== undefined &&
      !(await idempotency.insert(command.idempotencyKey, command.requestHash, stored))
    ) {
      // The same key committed meanwhile by a concurrent retry: run again, and replay its result.
      throw new ConcurrentRetry();
    }
    return { stored, replayed: false };
  }

  /** Reads a whole stream (in pages), lifts old event versions, folds with the aggregate's evolve. */
  private async load<K extends AggregateKind>(
    store: EventStore,
    kind: K,
    id: string,
  ): Promise<Loaded<StateOf<K>> & { lastOccurredAt: number }> {
    const streamId = streamIdOf(kind, id);
    const events: DomainEvent[] = [];
    let version = 0;
    for (;;) {
      const page = await store.readStream(streamId, { fromVersion: version + 1, limit: 10_000 });
      for (const e of page) {
        events.push({
          type: e.type,
          data: this.schemas.upcast(e.type, e.schemaVersion, e.data),
          occurredAt: e.occurredAt,
        });
        version = e.version;
      }
      if (page.length < 10_000) break;
    }
    const lastOccurredAt = events.length === 0 ? 0 : Date.parse(events[events.length - 1].occurredAt);
    return { kind, id, streamId, state: fold(deciderOf(kind), events), version, lastOccurredAt };
  }

  /** Waits once for the ledger positions of every event of the list (one query per wake-up, not per command). */
  private async withPositions(results: readonly StoredResult[]): Promise<CommandResult[]> {
    const all = results.flatMap(({ stored }) => stored.events);
    const positioned =
      all.length === 0
        ? []
        : (
            await this.store.withPositions({
              streams: [],
              duplicate: false,
              events: all.map((e) => ({
                eventId: e.eventId,
                streamId: e.streamId,
                version: e.version,
                seq: e.seq,
                position: null,
              })),
            })
          ).events;
    const positionOf = new Map(positioned.map((e) => [e.seq, e.position]));
    return Promise.all(
      results.map(async ({ stored, replayed }) => {
        const events = stored.events.map((e) => ({
          eventId: e.eventId,
          streamId: e.streamId,
          type: e.type,
          version: e.version,
          position: positionOf.get(e.seq) ?? null,
        }));
        const position =
          events.length === 0
            ? await this.lastPosition(stored.streamId)
            : Math.max(...events.map((e) => e.position ?? 0));
        return {
          id: stored.id,
          streamId: stored.streamId,
          version: stored.version,
          position,
          events,
          replayed,
        };
      }),
    );
  }

  private async lastPosition(streamId: string): Promise<number | null> {
    const version = await this.store.streamVersion(streamId);
    if (version === 0) return null;
    const [last] = await this.store.readStream(streamId, { fromVersion: version, toVersion: version });
    return last?.position ?? null;
  }
}

class ConcurrentRetry extends Error {}

interface StoredResult {
  readonly stored: StoredCommandResult;
  readonly replayed: boolean;
}

function matches(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 0;
  if (expected === 'stream_exists') return actual > 0;
  return expected === actual;
}
