import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ENTITY_ID_MESSAGE, ENTITY_ID_REGEX } from './command-envelope.dto';

/** How a field may be left out of a command body. */
export type Presence =
  /** Must be sent. */
  | 'required'
  /** May be omitted or null; both skip every other rule. */
  | 'optional'
  /** May be omitted, but null is refused: no field of an event has a meaning for it. */
  | 'notNull'
  /** May be omitted, or null to clear the field. */
  | 'nullable'
  /** May be omitted; the DTO's initializer supplies the value (always a list, defaulting to []). */
  | 'defaulted';

/** What OpenAPI says about a field beyond its rules. */
export interface FieldDoc {
  readonly description?: string;
  readonly example?: unknown;
}

export interface FieldOptions extends FieldDoc {
  readonly presence?: Presence;
}

export interface TextOptions extends FieldOptions {
  /** The empty string is accepted (a free-text note); names and required texts refuse it. */
  readonly allowEmpty?: boolean;
}

export interface TextListOptions extends FieldOptions {
  /** Each item must be a non-empty string. */
  readonly nonEmptyItems?: boolean;
  /** At least this many items (documented as minItems). */
  readonly minItems?: number;
}

const isPresent = (_object: object, value: unknown): boolean => value !== null && value !== undefined;
const isSent = (_object: object, value: unknown): boolean => value !== undefined;

/**
 * An optional field may be left out, but not sent as null: @IsOptional() lets null through to the
 * event, where no field has a meaning for it (events are kept forever).
 */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf(isSent);

/**
 * Composes decorators listed as they would be stacked above a property. applyDecorators runs them
 * first to last, the reverse of a stack, and the order of registration is the order of the
 * constraints (so of the field problems) in a 400: reversing keeps responses exactly as before.
 */
function stacked(...decorators: Array<PropertyDecorator | undefined>): PropertyDecorator {
  return applyDecorators(...decorators.filter((d): d is PropertyDecorator => d !== undefined).reverse());
}

/** The OpenAPI property and the rule that lets an absent field through. */
function presenceDecorators(presence: Presence, schema: ApiPropertyOptions): PropertyDecorator[] {
  switch (presence) {
    case 'required':
      return [ApiProperty(schema)];
    case 'optional':
      return [ApiPropertyOptional(schema), IsOptional()];
    case 'notNull':
      return [ApiPropertyOptional(schema), OptionalNotNull()];
    case 'nullable':
      return [ApiPropertyOptional({ ...schema, nullable: true }), ValidateIf(isPresent)];
    case 'defaulted':
      return [ApiPropertyOptional({ ...schema, default: [] })];
  }
}

function docOf({ description, example }: FieldDoc): ApiPropertyOptions {
  return {
    ...(example !== undefined && { example }),
    ...(description !== undefined && { description }),
  };
}

/** A string of at most `maxLength` characters, non-empty unless `allowEmpty`. */
export function TextField(maxLength: number, options: TextOptions = {}): PropertyDecorator {
  const { presence = 'required', allowEmpty = false } = options;
  return stacked(
    ...presenceDecorators(presence, { ...docOf(options), maxLength }),
    IsString(),
    allowEmpty ? undefined : MinLength(1),
    MaxLength(maxLength),
  );
}

/** A list of at most `maxItems` strings, each of at most `maxLength` characters. */
export function TextListField(
  maxItems: number,
  maxLength: number,
  options: TextListOptions = {},
): PropertyDecorator {
  const { presence = 'required', nonEmptyItems = false, minItems } = options;
  return stacked(
    ...presenceDecorators(presence, {
      type: [String],
      ...(minItems !== undefined && { minItems }),
      maxItems,
      ...docOf(options),
    }),
    IsArray(),
    minItems === undefined ? undefined : ArrayMinSize(minItems),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    nonEmptyItems ? MinLength(1, { each: true }) : undefined,
    MaxLength(maxLength, { each: true }),
  );
}

/** The id of an entity (a UUID or a client's own id, see ENTITY_ID_REGEX). */
export function EntityIdField(options: FieldOptions = {}): PropertyDecorator {
  const { presence = 'required' } = options;
  return stacked(
    ...presenceDecorators(presence, { ...docOf(options), pattern: ENTITY_ID_REGEX.source }),
    IsString(),
    Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE }),
  );
}

/** A list of at most `maxItems` entity ids. */
export function EntityIdListField(maxItems: number, options: FieldOptions = {}): PropertyDecorator {
  const { presence = 'required' } = options;
  return stacked(
    ...presenceDecorators(presence, { type: [String], maxItems, ...docOf(options) }),
    IsArray(),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    Matches(ENTITY_ID_REGEX, { each: true, message: ENTITY_ID_MESSAGE }),
  );
}

/** One of a fixed set of values. */
export function EnumField(
  values: readonly unknown[],
  options: FieldOptions & { readonly default?: unknown } = {},
): PropertyDecorator {
  const { presence = 'required' } = options;
  return stacked(
    ...presenceDecorators(presence, {
      enum: values,
      ...(options.default !== undefined && { default: options.default }),
      ...docOf(options),
    }),
    IsIn(values),
  );
}

/** A list of at most `maxItems` objects, each validated as an `itemType`. */
export function NestedListField(
  itemType: new () => object,
  maxItems: number,
  options: FieldOptions = {},
): PropertyDecorator {
  const { presence = 'required' } = options;
  return stacked(
    ...presenceDecorators(presence, { type: [itemType], maxItems, ...docOf(options) }),
    IsArray(),
    ArrayMaxSize(maxItems),
    ValidateNested({ each: true }),
    Type(() => itemType),
  );
}
