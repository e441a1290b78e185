/** The event catalog: every event type with its schema version, JSON Schema and upcasters. */
export const EVENT_CATALOG = {
  schemaVersionOf: (_type: string): number => 1,
  upcast: (_type: string, _schemaVersion: number, data: unknown): unknown => data,
};
