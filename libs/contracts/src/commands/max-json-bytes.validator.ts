import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

export const MAX_JSON_BYTES = 'maxJsonBytes';

/** The size of a value as stored: its JSON text in UTF-8 bytes (a value JSON cannot express counts as 0). */
export const jsonByteLength = (value: unknown): number =>
  Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

/**
 * Bounds free-form JSON (milestone metadata, snapshot payloads) by its serialized size, which is what
 * it costs to store and ship, whatever its shape. Combine with @IsObject() for the shape itself.
 */
export function MaxJsonBytes(maxBytes: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: MAX_JSON_BYTES,
      constraints: [maxBytes],
      validator: {
        validate: (value: unknown) => jsonByteLength(value) <= maxBytes,
        defaultMessage: buildMessage(
          (each) => `${each}$property must serialize to at most $constraint1 bytes of JSON`,
          options,
        ),
      },
    },
    options,
  );
}
