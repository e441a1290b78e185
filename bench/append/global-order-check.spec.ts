import { Contender, GlobalReader } from './contender';
import { checkGlobalOrder } from './global-order-check';

/** A contender whose global order returns the given pages of `<stream>/<version>` keys, then nothing. */
function contenderReading(pages: string[][], stored: number): Contender {
  const reader = (): GlobalReader => {
    let next = 0;
    return {
      next: async () => {
        const page = pages[next++] ?? [];
        return { count: page.length, keys: () => page };
      },
    };
  };
  return { openGlobalOrder: reader, storedEvents: async () => stored } as unknown as Contender;
}

describe('checkGlobalOrder', () => {
  it('finds every stored event exactly once when the pages hold each once', async () => {
    const contender = contenderReading([['bench-a/1', 'bench-b/1'], ['bench-a/2']], 3);

    const check = await checkGlobalOrder(contender, 3, 2);

    expect(check).toEqual({ acknowledged: 3, stored: 3, read: 3, distinct: 3, lost: 0, repeated: 0 });
  });

  it('counts an event returned twice as repeated and a stored event never returned as lost', async () => {
    const contender = contenderReading([['bench-a/1', 'bench-a/3'], ['bench-a/3']], 3);

    const check = await checkGlobalOrder(contender, 3, 2);

    expect(check).toMatchObject({ read: 3, distinct: 2, lost: 1, repeated: 1 });
  });
});
