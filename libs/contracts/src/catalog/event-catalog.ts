import { EventDefinition } from './event-definition';
import { SchemaViolation, schemaViolations } from './json-schema.validator';

export class UnknownEventTypeError extends Error {
  readonly code = 'catalog.unknown_type';
  constructor(readonly type: string) {
    super(`Event type ${type} is not in the catalog`);
    this.name = 'UnknownEventTypeError';
  }
}

/** A stored event whose schema version this code cannot read: newer than it knows, or not a version at all. */
export class UnsupportedSchemaVersionError extends Error {
  readonly code = 'catalog.unsupported_schema_version';
  constructor(
    readonly type: string,
    readonly schemaVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      schemaVersion > currentVersion
        ? `${type} schema version ${schemaVersion} is newer than this server reads (up to ${currentVersion}): upgrade the server`
        : `${type} schema version ${schemaVersion} is not a version: versions are integers from 1 to ${currentVersion}`,
    );
    this.name = 'UnsupportedSchemaVersionError';
  }
}

/**
 * Every domain event type: its aggregate, current schema version, JSON Schema and upcasters. Commands
 * write events at `schemaVersionOf(type)` and read stored ones through `upcast`, so that `evolve`
 * only ever sees the current shape.
 */
export class EventCatalog {
  private readonly byType = new Map<string, EventDefinition>();

  constructor(definitions: readonly EventDefinition[]) {
    for (const definition of definitions) {
      if (this.byType.has(definition.type)) throw new Error(`Event ${definition.type} is defined twice`);
      for (let version = 1; version < definition.schemaVersion; version++) {
        if (definition.upcasters[version] === undefined)
          throw new Error(`Event ${definition.type} has no upcaster from version ${version}`);
      }
      this.byType.set(definition.type, definition);
    }
  }

  /** In the order defined: aggregate by aggregate. */
  all(): EventDefinition[] {
    return [...this.byType.values()];
  }

  find(type: string): EventDefinition | undefined {
    return this.byType.get(type);
  }

  get(type: string): EventDefinition {
    const definition = this.byType.get(type);
    if (definition === undefined) throw new UnknownEventTypeError(type);
    return definition;
  }

  schemaVersionOf(type: string): number {
    return this.get(type).schemaVersion;
  }

  /** Lifts stored data to the current version, one upcaster after the other (v1 -> v2 -> ... -> current). */
  upcast(type: string, schemaVersion: number, data: unknown): unknown {
    const { schemaVersion: current, upcasters } = this.get(type);
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current)
      throw new UnsupportedSchemaVersionError(type, schemaVersion, current);
    let lifted = data;
    for (let version = schemaVersion; version < current; version++)
      lifted = upcasters[version](lifted as Readonly<Record<string, unknown>>);
    return lifted;
  }

  /** How `data` breaks the current schema of `type`; empty when it conforms. */
  violations(type: string, data: unknown): SchemaViolation[] {
    return schemaViolations(this.get(type).schema, data);
  }
}
