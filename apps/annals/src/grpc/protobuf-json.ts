/**
 * google.protobuf.Struct / Value as @grpc/proto-loader hands them over (plain objects, one kind
 * field set), to and from the JSON they stand for. Event data and metadata travel this way: a
 * caller in any language reads them as JSON (grpcurl prints them as JSON) without a second decode.
 */
export interface ProtoValue {
  readonly nullValue?: 'NULL_VALUE' | 0;
  readonly numberValue?: number;
  readonly stringValue?: string;
  readonly boolValue?: boolean;
  readonly structValue?: ProtoStruct;
  readonly listValue?: { readonly values?: readonly ProtoValue[] };
}

export interface ProtoStruct {
  readonly fields?: Readonly<Record<string, ProtoValue>>;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function toProtoValue(value: unknown): ProtoValue {
  if (value === null || value === undefined) return { nullValue: 'NULL_VALUE' };
  switch (typeof value) {
    case 'number':
      return { numberValue: value };
    case 'string':
      return { stringValue: value };
    case 'boolean':
      return { boolValue: value };
    case 'object':
      return Array.isArray(value)
        ? { listValue: { values: value.map(toProtoValue) } }
        : { structValue: toProtoStruct(value as Record<string, unknown>) };
    default:
      throw new TypeError(`${typeof value} is not JSON`);
  }
}

export function toProtoStruct(object: Readonly<Record<string, unknown>>): ProtoStruct {
  const fields: Record<string, ProtoValue> = {};
  // Keys whose value is undefined are absent in JSON too.
  for (const [key, value] of Object.entries(object))
    if (value !== undefined) fields[key] = toProtoValue(value);
  return { fields };
}

/** A Value with no kind set decodes as null, as protobuf's JSON mapping reads it. */
export function fromProtoValue(value: ProtoValue | undefined): Json {
  if (value === undefined) return null;
  if (value.numberValue !== undefined) return value.numberValue;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.structValue !== undefined) return fromProtoStruct(value.structValue);
  if (value.listValue !== undefined) return (value.listValue.values ?? []).map(fromProtoValue);
  return null;
}

export function fromProtoStruct(struct: ProtoStruct | undefined): { [key: string]: Json } {
  const object: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(struct?.fields ?? {})) object[key] = fromProtoValue(value);
  return object;
}
