/**
 * How stored events meet today's code: the schema version new events are written with, and the
 * upcasters that lift an older stored version to the current one when a stream is loaded.
 */
export interface EventSchemas {
  schemaVersionOf(type: string): number;
  upcast(type: string, schemaVersion: number, data: unknown): unknown;
}

/** Every event at version 1, nothing to lift: for tests of the command layer alone. */
export const CURRENT_SCHEMAS_ONLY: EventSchemas = {
  schemaVersionOf: () => 1,
  upcast: (_type, _version, data) => data,
};
