import { deterministicEventId, UUID_PATTERN, uuidv7 } from './ids';

describe('uuidv7', () => {
  it('is a version 7 RFC 9562 UUID', () => {
    expect(uuidv7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts by creation time', () => {
    const earlier = uuidv7(1_700_000_000_000);
    const later = uuidv7(1_700_000_000_001);
    expect(earlier < later).toBe(true);
  });
});

describe('deterministicEventId', () => {
  it('gives the same id for the same key, stream and index', () => {
    expect(deterministicEventId('k', 'task-1', 0)).toBe(deterministicEventId('k', 'task-1', 0));
  });

  it('differs when any of key, stream or index differs', () => {
    const ids = new Set([
      deterministicEventId('k', 'task-1', 0),
      deterministicEventId('k2', 'task-1', 0),
      deterministicEventId('k', 'task-2', 0),
      deterministicEventId('k', 'task-1', 1),
    ]);
    expect(ids.size).toBe(4);
  });

  it('is a well-formed version 8 UUID', () => {
    const id = deterministicEventId('k', 's', 0);
    expect(id).toMatch(UUID_PATTERN);
    expect(id[14]).toBe('8');
  });
});
