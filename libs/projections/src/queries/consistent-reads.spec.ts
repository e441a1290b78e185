import { pageRequestOf, sortedPageRequestOf } from './consistent-reads';
import { DEFAULT_LIST_LIMIT } from './list-request';
import { encodeCursor, InvalidCursorError, SortOrder } from './cursor';

const COLUMNS = { createdAt: 'created_at', name: 'name' } as const;
const BY_PATH: SortOrder = { name: 'path', column: 'path', descending: false };

describe('a list request as a keyset page', () => {
  it('takes the default sort and limit when the caller names none, and starts at the beginning', () => {
    expect(sortedPageRequestOf({}, '-createdAt', COLUMNS)).toEqual({
      sort: { name: '-createdAt', column: 'created_at', descending: true },
      after: undefined,
      limit: DEFAULT_LIST_LIMIT,
    });
  });

  it('starts after the key the cursor carries, in the order the caller named', () => {
    const sort: SortOrder = { name: 'name', column: 'name', descending: false };
    const cursor = encodeCursor(sort, { value: 'beta', id: 'w-2' });
    expect(sortedPageRequestOf({ sort: 'name', cursor, limit: 7 }, 'createdAt', COLUMNS)).toEqual({
      sort,
      after: { value: 'beta', id: 'w-2' },
      limit: 7,
    });
  });

  it('refuses a cursor made for another order', () => {
    const cursor = encodeCursor(BY_PATH, { value: 'a.ts', id: 'a.ts' });
    expect(() => sortedPageRequestOf({ cursor }, 'createdAt', COLUMNS)).toThrow(InvalidCursorError);
    expect(pageRequestOf({ cursor }, BY_PATH).after).toEqual({ value: 'a.ts', id: 'a.ts' });
  });
});
