import { ValidationError } from 'class-validator';
import { FieldProblem } from './problem';

/** class-validator constraint names -> our stable field codes. */
const CODES: Record<string, string> = {
  whitelistValidation: 'field.unknown',
  isDefined: 'field.required',
  isNotEmpty: 'field.required',
  maxLength: 'field.too_long',
  minLength: 'field.too_short',
  arrayMaxSize: 'field.too_many',
  arrayMinSize: 'field.too_few',
  max: 'field.too_large',
  min: 'field.too_small',
  isIn: 'field.not_allowed',
  isEnum: 'field.not_allowed',
  matches: 'field.bad_format',
  maxJsonBytes: 'field.too_large',
  isUuid: 'field.bad_format',
  isIso8601: 'field.bad_format',
  isUrl: 'field.bad_format',
};

/**
 * Flattens class-validator's tree into one problem per broken constraint, with the dotted path of the
 * field (`events[2].type`), so that a caller fixes every field in one round trip.
 */
export function fieldProblems(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field =
      parent === ''
        ? error.property
        : /^\d+$/.test(error.property)
          ? `${parent}[${error.property}]`
          : `${parent}.${error.property}`;
    const constraints = Object.keys(error.constraints ?? {});
    // An absent field breaks every rule about its value; say the one thing that matters.
    if (error.value === undefined && constraints.length > 0 && !constraints.includes('whitelistValidation')) {
      return [{ field, code: 'field.required', message: `${field} is required` }];
    }
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      code: CODES[constraint] ?? (constraint.startsWith('is') ? 'field.wrong_type' : `field.${constraint}`),
      message,
      ...(constraint !== 'whitelistValidation' &&
        error.value !== undefined && { actual: summarise(error.value) }),
    }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/** Echo what was given, but never a megabyte of it. */
function summarise(value: unknown): unknown {
  if (typeof value === 'string')
    return value.length > 100 ? `${value.slice(0, 100)}… (${value.length} characters)` : value;
  if (Array.isArray(value)) return `array of ${value.length}`;
  if (value !== null && typeof value === 'object') return 'object';
  return value;
}
