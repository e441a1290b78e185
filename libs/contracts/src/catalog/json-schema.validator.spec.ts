import { arrayOf, integer, mapOf, nullable, number, object, oneOf, optional, string } from './json-schema';
import { schemaViolations } from './json-schema.validator';

const keywordsAt = (violations: ReturnType<typeof schemaViolations>) =>
  violations.map(({ path, keyword }) => `${path}:${keyword}`);

describe('schemaViolations', () => {
  describe('type', () => {
    it('accepts a value of the given type', () => {
      expect(schemaViolations(string(), 'x')).toEqual([]);
      expect(schemaViolations({ type: 'boolean' }, false)).toEqual([]);
      expect(schemaViolations({ type: 'null' }, null)).toEqual([]);
    });

    it('refuses a value of another type, saying which types were allowed', () => {
      expect(schemaViolations(string(), 42)).toEqual([
        { path: '', keyword: 'type', message: 'must be string, not integer' },
      ]);
    });

    it('takes an integer for a number, but not a fraction for an integer', () => {
      expect(schemaViolations(number(), 3)).toEqual([]);
      expect(keywordsAt(schemaViolations(integer(), 2.5))).toEqual([':type']);
    });

    it('tells arrays, null and objects apart', () => {
      expect(keywordsAt(schemaViolations({ type: 'object' }, []))).toEqual([':type']);
      expect(keywordsAt(schemaViolations({ type: 'object' }, null))).toEqual([':type']);
      expect(keywordsAt(schemaViolations({ type: 'array' }, {}))).toEqual([':type']);
    });

    it('allows null through a type array', () => {
      const schema = nullable(string({ maxLength: 3 }));
      expect(schemaViolations(schema, null)).toEqual([]);
      expect(schemaViolations(schema, 'abc')).toEqual([]);
      expect(keywordsAt(schemaViolations(schema, 'abcd'))).toEqual([':maxLength']);
      expect(keywordsAt(schemaViolations(schema, 1))).toEqual([':type']);
    });

    it('refuses what JSON cannot hold, even for the empty schema', () => {
      expect(keywordsAt(schemaViolations({}, undefined))).toEqual([':type']);
      expect(keywordsAt(schemaViolations({}, Number.NaN))).toEqual([':type']);
      expect(schemaViolations({}, { any: ['thing', 1, null] })).toEqual([]);
    });
  });

  it('checks enum by JSON equality, null included when nullable', () => {
    expect(schemaViolations(oneOf(['a', 'b']), 'b')).toEqual([]);
    expect(schemaViolations(oneOf(['a', 'b']), 'c')).toEqual([
      { path: '', keyword: 'enum', message: 'must be one of ["a","b"]' },
    ]);
    expect(schemaViolations(nullable(oneOf(['a'])), null)).toEqual([]);
  });

  it('checks minimum and maximum inclusively', () => {
    const percent = number({ minimum: 0, maximum: 100 });
    expect(schemaViolations(percent, 0)).toEqual([]);
    expect(schemaViolations(percent, 100)).toEqual([]);
    expect(keywordsAt(schemaViolations(percent, -0.5))).toEqual([':minimum']);
    expect(keywordsAt(schemaViolations(percent, 100.5))).toEqual([':maximum']);
  });

  it('counts string length in characters, not UTF-16 units', () => {
    const two = string({ minLength: 2, maxLength: 2 });
    expect(schemaViolations(two, '😀😀')).toEqual([]);
    expect(keywordsAt(schemaViolations(two, '😀'))).toEqual([':minLength']);
    expect(keywordsAt(schemaViolations(two, 'abc'))).toEqual([':maxLength']);
  });

  it('matches pattern anywhere unless anchored', () => {
    expect(schemaViolations(string({ pattern: /b/ }), 'abc')).toEqual([]);
    expect(keywordsAt(schemaViolations(string({ pattern: /^b/ }), 'abc'))).toEqual([':pattern']);
  });

  it('checks array bounds and every item, naming the index', () => {
    const schema = arrayOf(integer({ minimum: 0 }), { minItems: 1, maxItems: 3 });
    expect(schemaViolations(schema, [0, 1])).toEqual([]);
    expect(keywordsAt(schemaViolations(schema, []))).toEqual([':minItems']);
    expect(keywordsAt(schemaViolations(schema, [1, 2, 3, 4]))).toEqual([':maxItems']);
    expect(keywordsAt(schemaViolations(schema, [1, -1, 'x']))).toEqual(['[1]:minimum', '[2]:type']);
  });

  describe('objects', () => {
    const person = object<{ name: string; age?: number; address?: { city: string } }>({
      name: string(),
      age: optional(integer()),
      address: optional(object<{ city: string }>({ city: string() })),
    });

    it('accepts an object with its required properties, optional ones absent or present', () => {
      expect(schemaViolations(person, { name: 'Ada' })).toEqual([]);
      expect(schemaViolations(person, { name: 'Ada', age: 36, address: { city: 'London' } })).toEqual([]);
    });

    it('reports every missing, extra and wrong property with its dotted path', () => {
      expect(keywordsAt(schemaViolations(person, { age: 'old', nick: 'A', address: {} }))).toEqual([
        'name:required',
        'age:type',
        'nick:additionalProperties',
        'address.city:required',
      ]);
    });

    it('treats a property set to undefined as absent', () => {
      expect(schemaViolations(person, { name: 'Ada', age: undefined })).toEqual([]);
      expect(keywordsAt(schemaViolations(person, { name: undefined }))).toEqual(['name:required']);
    });

    it('checks the values of a map and its size', () => {
      const digests = mapOf(string({ pattern: /^[0-9a-f]+$/ }), { maxProperties: 2 });
      expect(schemaViolations(digests, { 'a.ts': 'ab', 'b.ts': '01' })).toEqual([]);
      expect(keywordsAt(schemaViolations(digests, { 'a.ts': 'XY' }))).toEqual(['a.ts:pattern']);
      expect(keywordsAt(schemaViolations(digests, { a: 'a', b: 'b', c: 'c' }))).toEqual([':maxProperties']);
    });

    it('allows any property when additionalProperties is not given', () => {
      expect(schemaViolations({ type: 'object' }, { anything: { goes: true } })).toEqual([]);
    });
  });
});
