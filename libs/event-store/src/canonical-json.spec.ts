import { canonicalJson } from './canonical-json';
import { canonicalEvent } from './envelope';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops white space', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('is the same for the same value whatever the key order it was built in', () => {
    expect(canonicalJson({ x: 1, y: [true, null] })).toBe(canonicalJson({ y: [true, null], x: 1 }));
  });

  it('drops undefined members and writes undefined array items as null, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });

  it('reads back to the value it wrote', () => {
    const value = { unicode: 'é€😀', escaped: 'a"b\\c\n', n: [0, -1.5, 1e21, 123456789.123] };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});

describe('canonicalEvent', () => {
  it('writes exactly the canonical JSON of the hashed fields', () => {
    const fields = {
      eventId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      streamId: 'task-t1',
      streamType: 'task',
      type: 'TaskCompleted',
      schemaVersion: 2,
      data: { z: [1, { b: 'é', a: null }], a: 'x"y' },
      metadata: { actor: { role: 'publisher', id: 'k1' }, correlationId: 'c' },
      occurredAt: '2026-11-22T00:00:00.000Z',
      recordedAt: '2026-11-22T00:00:01.000Z',
    };
    expect(canonicalEvent(fields)).toBe(canonicalJson(fields));
  });
});
