import { CommandEnvelope } from '@annals/commands';
import { FieldProblem } from '@annals/contracts';
import { CommandProblem } from './command-problem';

/** A message of the commands topic, read: either a command envelope or why it is not one. */
export type ParsedCommand =
  | { readonly envelope: CommandEnvelope; readonly problem?: undefined }
  | { readonly envelope?: undefined; readonly problem: CommandProblem };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const MAX_KEY_LENGTH = 200;

/**
 * `{ type, id?, expectedVersion?, idempotencyKey, data }`. The idempotency key is required: ingest
 * is at least once, and the key is what makes a redelivered message a recognised duplicate.
 */
export function parseCommandMessage(value: Buffer | null): ParsedCommand {
  let body: unknown;
  try {
    body = JSON.parse(value?.toString('utf8') ?? '');
  } catch (error) {
    return { problem: { code: 'message.invalid_json', message: `not JSON: ${(error as Error).message}` } };
  }
  if (!isObject(body)) {
    return { problem: { code: 'message.invalid_envelope', message: 'the message must be a JSON object' } };
  }
  const fields: FieldProblem[] = [];
  const { type, id, expectedVersion, idempotencyKey, data } = body;
  if (typeof type !== 'string' || type === '')
    fields.push({
      field: 'type',
      code: 'field.required',
      message: 'the command type, a string',
      actual: type,
    });
  if (id !== undefined && typeof id !== 'string')
    fields.push({ field: 'id', code: 'field.bad_type', message: 'a string', actual: id });
  if (
    expectedVersion !== undefined &&
    typeof expectedVersion !== 'string' &&
    typeof expectedVersion !== 'number'
  )
    fields.push({
      field: 'expectedVersion',
      code: 'field.bad_type',
      message: 'a version number, no_stream, stream_exists or any',
      actual: expectedVersion,
    });
  if (typeof idempotencyKey !== 'string' || idempotencyKey === '' || idempotencyKey.length > MAX_KEY_LENGTH)
    fields.push({
      field: 'idempotencyKey',
      code: 'field.required',
      message: `a non-empty string of at most ${MAX_KEY_LENGTH} characters`,
      actual: idempotencyKey,
    });
  if (!isObject(data))
    fields.push({
      field: 'data',
      code: 'field.required',
      message: 'the command body, an object',
      actual: data,
    });
  if (fields.length > 0) {
    return {
      problem: {
        code: 'message.invalid_envelope',
        message: `invalid fields: ${fields.map((f) => f.field).join(', ')}`,
        fields,
      },
    };
  }
  return {
    envelope: {
      type: type as string,
      ...(id !== undefined && { id: id as string }),
      ...(expectedVersion !== undefined && { expectedVersion: expectedVersion as string | number }),
      idempotencyKey: idempotencyKey as string,
      data: data as Record<string, unknown>,
    },
  };
}
