import { integer, nullable, object, oneOf, optional, partial, PropertySchemas, string } from './json-schema';

interface Sample {
  readonly id: string;
  readonly note?: string;
}

describe('JSON Schema builders', () => {
  it('writes a closed object whose required list holds the fields not marked optional', () => {
    expect(object<Sample>({ id: string(), note: optional(string({ maxLength: 5 })) })).toEqual({
      type: 'object',
      properties: { id: { type: 'string' }, note: { type: 'string', maxLength: 5 } },
      required: ['id'],
      additionalProperties: false,
    });
  });

  it('makes every field optional for a Partial type', () => {
    const properties: PropertySchemas<Sample> = { id: string(), note: optional(string()) };
    expect(object<Partial<Sample>>(partial(properties)).required).toEqual([]);
  });

  it('adds null to the type, and to the enum when there is one', () => {
    expect(nullable(integer())).toEqual({ type: ['integer', 'null'] });
    expect(nullable(oneOf(['a']))).toEqual({ type: ['string', 'null'], enum: ['a', null] });
  });

  it('leaves a schema without a type alone: it allows null already', () => {
    expect(nullable({})).toEqual({});
  });

  it('writes a pattern as the source of the regular expression', () => {
    expect(string({ pattern: /^[a-z]+$/, minLength: 1 })).toEqual({
      type: 'string',
      minLength: 1,
      pattern: '^[a-z]+$',
    });
  });
});
