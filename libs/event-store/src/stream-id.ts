/** Entity ids: caller-supplied, or a generated UUIDv7. */
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** `<kind>-<id>`: the kind is the stream type. */
export const STREAM_ID_PATTERN = /^([a-z][a-z0-9_]{0,31})-([A-Za-z0-9][A-Za-z0-9._:-]{0,127})$/;
export const EVENT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;

export const streamIdOf = (kind: string, id: string): string => `${kind}-${id}`;

/** The stream type of a well-formed stream id, or undefined. */
export function streamTypeOf(streamId: string): string | undefined {
  return STREAM_ID_PATTERN.exec(streamId)?.[1];
}
