import { Contender } from './contender';
import { OrderCheck } from './results';

/** Reads the global order from its beginning and counts how often each event (`<stream id>/<version>`) comes back. */
export async function checkGlobalOrder(
  contender: Contender,
  acknowledged: number,
  page: number,
): Promise<OrderCheck> {
  const stored = await contender.storedEvents();
  const seen = new Map<string, number>();
  const reader = contender.openGlobalOrder();
  let read = 0;
  for (let batch = await reader.next(page); batch.count > 0; batch = await reader.next(page)) {
    read += batch.count;
    for (const key of batch.keys()) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return {
    acknowledged,
    stored,
    read,
    distinct: seen.size,
    lost: stored - seen.size,
    repeated: read - seen.size,
  };
}
