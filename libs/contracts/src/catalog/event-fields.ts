import { ENTITY_ID_REGEX } from '../commands/command-envelope.dto';
import { LIMITS } from '../commands/limits';
import { arrayOf, JsonSchema, string } from './json-schema';

/*
 * The field schemas the events share, bounded like the command fields they come from (limits.ts), so
 * that every event a command can produce conforms.
 */

export const ID = string({ pattern: ENTITY_ID_REGEX });
export const NAME = string({ minLength: 1, maxLength: LIMITS.name });
export const TEXT = string({ maxLength: LIMITS.text });
export const LABEL = string({ minLength: 1, maxLength: LIMITS.label });
export const URL = string({ minLength: 1, maxLength: LIMITS.url });
/** A file path or a path glob. */
export const PATH = string({ minLength: 1, maxLength: LIMITS.text });
export const TIME = string({ format: 'date-time' });

export const list = (items: JsonSchema, minItems?: number): JsonSchema =>
  arrayOf(items, { maxItems: LIMITS.list, ...(minItems !== undefined && { minItems }) });

export const files = (): JsonSchema => arrayOf(PATH, { maxItems: LIMITS.changedFiles });
