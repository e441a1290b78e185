import { EventCatalog, UnknownEventTypeError, UnsupportedSchemaVersionError } from './event-catalog';
import { EventDefinition, Upcaster } from './event-definition';
import { object, string } from './json-schema';

/** A made-up event whose shape changed twice: v1 {name}, v2 {title}, v3 {title, tags}. */
const renamed: Upcaster = ({ name, ...rest }) => ({ ...rest, title: name });
const tagged: Upcaster = (data) => ({ tags: [], ...data });

const definition = (overrides: Partial<EventDefinition> = {}): EventDefinition => ({
  type: 'ThingHappened',
  aggregate: 'workflow',
  schemaVersion: 3,
  description: 'A thing happened.',
  schema: object<{ title: string }>({ title: string() }),
  upcasters: { 1: renamed, 2: tagged },
  ...overrides,
});

describe('EventCatalog', () => {
  const catalog = new EventCatalog([
    definition(),
    definition({ type: 'Plain', schemaVersion: 1, upcasters: {} }),
  ]);

  it('answers the version new events are written with', () => {
    expect(catalog.schemaVersionOf('ThingHappened')).toBe(3);
    expect(catalog.schemaVersionOf('Plain')).toBe(1);
  });

  it('lifts a v1 event through every upcaster in order, v1 -> v2 -> v3', () => {
    expect(catalog.upcast('ThingHappened', 1, { name: 'x' })).toEqual({ title: 'x', tags: [] });
  });

  it('starts the chain at the stored version', () => {
    expect(catalog.upcast('ThingHappened', 2, { title: 'y' })).toEqual({ title: 'y', tags: [] });
  });

  it('returns data at the current version as it is', () => {
    const data = { title: 'z', tags: ['a'] };
    expect(catalog.upcast('ThingHappened', 3, data)).toBe(data);
  });

  it('refuses a version newer than it knows, telling the reader to upgrade', () => {
    const read = () => catalog.upcast('ThingHappened', 4, {});
    expect(read).toThrow(UnsupportedSchemaVersionError);
    expect(read).toThrow('ThingHappened schema version 4 is newer than this server reads (up to 3)');
  });

  it.each([0, -1, 1.5])('refuses %p, which is not a version', (version) => {
    expect(() => catalog.upcast('ThingHappened', version, {})).toThrow(UnsupportedSchemaVersionError);
  });

  it('refuses an event type it does not know, for writing and for reading', () => {
    expect(() => catalog.schemaVersionOf('Unknown')).toThrow(UnknownEventTypeError);
    expect(() => catalog.upcast('Unknown', 1, {})).toThrow('Event type Unknown is not in the catalog');
    expect(catalog.find('Unknown')).toBeUndefined();
  });

  it('validates data against the current schema', () => {
    expect(catalog.violations('ThingHappened', { title: 't' })).toEqual([]);
    expect(catalog.violations('ThingHappened', { name: 't' }).map((v) => v.keyword)).toEqual([
      'required',
      'additionalProperties',
    ]);
  });

  it('refuses a definition whose upcaster chain has a gap', () => {
    expect(() => new EventCatalog([definition({ upcasters: { 1: renamed } })])).toThrow(
      'Event ThingHappened has no upcaster from version 2',
    );
  });

  it('refuses an event type defined twice', () => {
    expect(() => new EventCatalog([definition(), definition()])).toThrow(
      'Event ThingHappened is defined twice',
    );
  });
});
