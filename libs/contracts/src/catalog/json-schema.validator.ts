import { sameJson } from '@annals/domain';
import { JsonSchema, JsonType } from './json-schema';

/** One value that breaks one keyword; `path` leads from the root (`files.added[3]`, '' for the root). */
export interface SchemaViolation {
  readonly path: string;
  readonly keyword: string;
  readonly message: string;
}

/**
 * Checks a value against the keywords of `JsonSchema` (type, enum, minimum/maximum,
 * minLength/maxLength/pattern, items/minItems/maxItems, properties/required/additionalProperties/
 * maxProperties) and reports every violation. `format` is an annotation and never checked. A
 * property set to `undefined` counts as absent, as it does once the value is stored as JSON.
 */
export function schemaViolations(schema: JsonSchema, value: unknown, path = ''): SchemaViolation[] {
  const actual = jsonTypeOf(value);
  if (actual === undefined) return [{ path, keyword: 'type', message: 'is not a JSON value' }];
  if (schema.type !== undefined) {
    const allowed = [schema.type].flat();
    if (!allowed.some((type) => type === actual || (type === 'number' && actual === 'integer'))) {
      return [{ path, keyword: 'type', message: `must be ${allowed.join(' or ')}, not ${actual}` }];
    }
  }
  return [
    ...enumViolations(schema, value, path),
    ...(typeof value === 'number' ? numberViolations(schema, value, path) : []),
    ...(typeof value === 'string' ? stringViolations(schema, value, path) : []),
    ...(Array.isArray(value) ? arrayViolations(schema, value, path) : []),
    ...(actual === 'object' ? objectViolations(schema, value as Record<string, unknown>, path) : []),
  ];
}

function jsonTypeOf(value: unknown): JsonType | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    case 'number':
      if (!Number.isFinite(value)) return undefined;
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'object':
      return 'object';
    default:
      return undefined;
  }
}

function enumViolations(schema: JsonSchema, value: unknown, path: string): SchemaViolation[] {
  if (schema.enum === undefined || schema.enum.some((allowed) => sameJson(allowed, value))) return [];
  return [{ path, keyword: 'enum', message: `must be one of ${JSON.stringify(schema.enum)}` }];
}

function numberViolations(schema: JsonSchema, value: number, path: string): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  if (schema.minimum !== undefined && value < schema.minimum)
    violations.push({ path, keyword: 'minimum', message: `must be >= ${schema.minimum}` });
  if (schema.maximum !== undefined && value > schema.maximum)
    violations.push({ path, keyword: 'maximum', message: `must be <= ${schema.maximum}` });
  return violations;
}

function stringViolations(schema: JsonSchema, value: string, path: string): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  // JSON Schema counts characters (code points), not UTF-16 units.
  const length = [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength)
    violations.push({
      path,
      keyword: 'minLength',
      message: `must be at least ${schema.minLength} characters`,
    });
  if (schema.maxLength !== undefined && length > schema.maxLength)
    violations.push({
      path,
      keyword: 'maxLength',
      message: `must be at most ${schema.maxLength} characters`,
    });
  if (schema.pattern !== undefined && !compiled(schema.pattern).test(value))
    violations.push({ path, keyword: 'pattern', message: `must match ${schema.pattern}` });
  return violations;
}

function arrayViolations(schema: JsonSchema, value: readonly unknown[], path: string): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  if (schema.minItems !== undefined && value.length < schema.minItems)
    violations.push({ path, keyword: 'minItems', message: `must have at least ${schema.minItems} items` });
  if (schema.maxItems !== undefined && value.length > schema.maxItems)
    violations.push({ path, keyword: 'maxItems', message: `must have at most ${schema.maxItems} items` });
  const { items } = schema;
  if (items !== undefined)
    violations.push(...value.flatMap((item, index) => schemaViolations(items, item, `${path}[${index}]`)));
  return violations;
}

function objectViolations(
  schema: JsonSchema,
  value: Readonly<Record<string, unknown>>,
  path: string,
): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  const present = Object.keys(value).filter((key) => value[key] !== undefined);
  const properties = schema.properties ?? {};
  for (const key of schema.required ?? []) {
    if (value[key] === undefined)
      violations.push({ path: member(path, key), keyword: 'required', message: 'is required' });
  }
  if (schema.maxProperties !== undefined && present.length > schema.maxProperties) {
    violations.push({
      path,
      keyword: 'maxProperties',
      message: `must have at most ${schema.maxProperties} properties`,
    });
  }
  for (const key of present) {
    const own = Object.hasOwn(properties, key) ? properties[key] : undefined;
    const additional = schema.additionalProperties;
    if (own !== undefined) violations.push(...schemaViolations(own, value[key], member(path, key)));
    else if (additional === false)
      violations.push({
        path: member(path, key),
        keyword: 'additionalProperties',
        message: 'is not allowed',
      });
    else if (typeof additional === 'object')
      violations.push(...schemaViolations(additional, value[key], member(path, key)));
  }
  return violations;
}

const member = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

const patterns = new Map<string, RegExp>();

function compiled(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(pattern, 'u');
    patterns.set(pattern, regex);
  }
  return regex;
}
