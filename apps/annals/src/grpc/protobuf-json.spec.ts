import { loadAnnalsProtos } from '@annals/contracts/proto/annals-protos';
import { fromProtoStruct, fromProtoValue, toProtoStruct, toProtoValue } from './protobuf-json';

describe('JSON <-> google.protobuf.Struct / Value', () => {
  const sample = {
    text: 'é ✓',
    count: 3,
    ratio: 0.25,
    negative: -7,
    yes: true,
    no: false,
    nothing: null,
    list: [1, 'two', { three: [null, false] }, []],
    nested: { deeper: { deepest: 'x' }, empty: {} },
  };

  it('round-trips every JSON kind through the wire encoding', () => {
    const definition = loadAnnalsProtos();
    const type = (definition['annals.v1.CommandEnvelope'] as any).type;
    expect(type).toBeDefined();
    const method = (definition['annals.v1.CommandService'] as any).Execute;
    const decoded = method.requestDeserialize(
      method.requestSerialize({ type: 'CreateTask', data: toProtoStruct(sample) }),
    );
    expect(fromProtoStruct(decoded.data)).toEqual(sample);
  });

  it('encodes scalars and arrays as Values, not only objects', () => {
    expect(toProtoValue('a')).toEqual({ stringValue: 'a' });
    expect(toProtoValue([1, null])).toEqual({
      listValue: { values: [{ numberValue: 1 }, { nullValue: 'NULL_VALUE' }] },
    });
    expect(fromProtoValue(toProtoValue([1, null]))).toEqual([1, null]);
  });

  it('drops undefined keys as JSON does, and reads a Value with no kind as null', () => {
    expect(fromProtoStruct(toProtoStruct({ a: undefined, b: 1 }))).toEqual({ b: 1 });
    expect(fromProtoValue({})).toBeNull();
    expect(fromProtoStruct(undefined)).toEqual({});
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => toProtoValue(() => 1)).toThrow(TypeError);
  });
});
