import { decodeCursor, encodeCursor, InvalidCursorError, pageOf, sortOrder } from './cursor';

const COLUMNS = { createdAt: 'created_at', priority: 'priority_rank' } as const;

describe('cursors', () => {
  const byCreated = sortOrder('-createdAt', COLUMNS);

  it('resolves a descending sort by its leading dash', () => {
    expect(byCreated).toEqual({ name: '-createdAt', column: 'created_at', descending: true });
  });

  it('round-trips the last key through opaque base64url text', () => {
    const cursor = encodeCursor(byCreated, { value: '2026-01-01T00:00:00.000Z', id: 't-1' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, byCreated)).toEqual({ value: '2026-01-01T00:00:00.000Z', id: 't-1' });
  });

  it('refuses a cursor made for another sort', () => {
    const cursor = encodeCursor(sortOrder('priority', COLUMNS), { value: 2, id: 't-1' });
    expect(() => decodeCursor(cursor, byCreated)).toThrow(InvalidCursorError);
  });

  it('refuses text it did not issue', () => {
    expect(() => decodeCursor('not-a-cursor', byCreated)).toThrow(InvalidCursorError);
    expect(() => decodeCursor(Buffer.from('{"a":1}').toString('base64url'), byCreated)).toThrow(
      InvalidCursorError,
    );
  });

  it('gives a next cursor only when the extra row shows a next page, keyed on the last row shown', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `t${n}`, created_at: new Date(Date.UTC(2026, 0, n)) }));
    const page = pageOf(rows, 2, byCreated, (row) => row.id);
    expect(page.items).toEqual(['t1', 't2']);
    expect(decodeCursor(page.nextCursor!, byCreated)).toEqual({
      value: '2026-01-02T00:00:00.000Z',
      id: 't2',
    });
    expect(pageOf(rows, 3, byCreated, (row) => row.id).nextCursor).toBeNull();
  });
});
