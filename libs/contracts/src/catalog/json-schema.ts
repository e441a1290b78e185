/**
 * The part of JSON Schema (draft 2020-12) the event catalog uses, and the builders that write it
 * compactly. `json-schema.validator.ts` checks values against exactly these keywords.
 */

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { [key: string]: JsonValue };

export interface JsonSchema {
  readonly $schema?: string;
  readonly $id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: JsonType | readonly JsonType[];
  readonly enum?: readonly JsonValue[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** An ECMA-262 regular expression, matched with the `u` flag. */
  readonly pattern?: string;
  /** An annotation only, as the 2020-12 default vocabulary has it: never checked. */
  readonly format?: string;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly maxProperties?: number;
  /** Keeps an `optional(...)` marker from being taken for a schema. */
  readonly optional?: never;
}

/** A property that may be absent; see `object`. */
export interface OptionalProperty {
  readonly optional: true;
  readonly schema: JsonSchema;
}

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type OptionalKeys<T> = Exclude<keyof T, RequiredKeys<T>>;

/**
 * One schema per field of `T`, optional fields wrapped in `optional(...)`: the compiler refuses a
 * missing field, an extra one, and a required field marked optional (or the other way round).
 */
export type PropertySchemas<T> = { readonly [K in RequiredKeys<T>]: JsonSchema } & {
  readonly [K in OptionalKeys<T>]: OptionalProperty;
};

interface StringBounds {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  readonly format?: string;
}

export const string = ({ pattern, ...bounds }: StringBounds = {}): JsonSchema => ({
  type: 'string',
  ...bounds,
  ...(pattern && { pattern: pattern.source }),
});

export const integer = (
  bounds: { readonly minimum?: number; readonly maximum?: number } = {},
): JsonSchema => ({
  type: 'integer',
  ...bounds,
});

export const number = (
  bounds: { readonly minimum?: number; readonly maximum?: number } = {},
): JsonSchema => ({
  type: 'number',
  ...bounds,
});

export const boolean = (): JsonSchema => ({ type: 'boolean' });

export const oneOf = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: values });

export const arrayOf = (
  items: JsonSchema,
  bounds: { readonly minItems?: number; readonly maxItems?: number } = {},
): JsonSchema => ({ type: 'array', items, ...bounds });

/** A closed object: the properties of `T`, required unless marked `optional`, nothing else. */
export const object = <T>(properties: PropertySchemas<T>): JsonSchema => closedObject(properties);

/** `object` for properties whose type the caller has already checked. */
export function closedObject(
  properties: Readonly<Record<string, JsonSchema | OptionalProperty>>,
): JsonSchema {
  const entries = Object.entries(properties);
  return {
    type: 'object',
    properties: Object.fromEntries(
      entries.map(([key, value]) => [key, isOptional(value) ? value.schema : value]),
    ),
    required: entries.filter(([, value]) => !isOptional(value)).map(([key]) => key),
    additionalProperties: false,
  };
}

/** An object used as a map: any keys, each value matching `values`. */
export const mapOf = (values: JsonSchema, bounds: { readonly maxProperties?: number } = {}): JsonSchema => ({
  type: 'object',
  additionalProperties: values,
  ...bounds,
});

/** Any JSON object: its shape belongs to the publisher. */
export const anyObject = (): JsonSchema => ({ type: 'object' });

/** Any JSON value. */
export const anyJson = (): JsonSchema => ({});

/** The same schema, also allowing null. */
export function nullable(schema: JsonSchema): JsonSchema {
  if (schema.type === undefined) return schema;
  return {
    ...schema,
    type: [...[schema.type].flat(), 'null'],
    ...(schema.enum && { enum: [...schema.enum, null] }),
  };
}

export const optional = (schema: JsonSchema): OptionalProperty => ({ optional: true, schema });

/** The same properties, every one of them optional: for `Partial<T>`. */
export const partial = <T>(properties: PropertySchemas<T>): PropertySchemas<Partial<T>> =>
  Object.fromEntries(
    Object.entries(properties as Record<string, JsonSchema | OptionalProperty>).map(([key, value]) => [
      key,
      isOptional(value) ? value : optional(value),
    ]),
  ) as PropertySchemas<Partial<T>>;

const isOptional = (value: JsonSchema | OptionalProperty): value is OptionalProperty =>
  value.optional === true;
