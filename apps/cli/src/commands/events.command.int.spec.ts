import { EventStore } from '@annals/event-store';
import { TestDatabase } from '@annals/platform/testing/test-database';
import { SequencedLedger, startSequencedLedger } from '@annals/projections/testing/projection-test-kit';
import { ExitCode } from '../exit-codes';
import { databaseEnv, startCliCaptured } from '../testing/run-cli-captured';

let database: TestDatabase;
let store: EventStore;
let ledger: SequencedLedger;

beforeAll(async () => {
  ledger = await startSequencedLedger();
  ({ database, store } = ledger);
});

afterAll(async () => {
  await ledger?.close();
});

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const tail = (...argv: string[]) =>
  startCliCaptured(['events', 'tail', ...argv], { env: databaseEnv(database.url) });

describe('annals events tail (PostgreSQL)', () => {
  it('prints the matching events from --after, then new ones live, and exits 0 on Ctrl-C', async () => {
    const first = await store.withPositions(
      await store.appendToStream('ext-a-1', 'any', [
        { type: 'ItemAdded', data: { n: 1 } },
        { type: 'PriceChanged', data: { n: 2 } },
        { type: 'ItemAdded', data: { n: 3 } },
      ]),
    );
    const after = first.events[0].position! - 1;
    const run = tail('--after', String(after), '--type', 'ItemAdded', '--json');
    await until('the two stored ItemAdded are printed', () => run.out.length === 2);

    await store.appendToStream('ext-a-2', 'any', [
      { type: 'PriceChanged', data: { n: 4 } },
      { type: 'ItemAdded', data: { n: 5 } },
    ]);
    await until('the live ItemAdded is printed', () => run.out.length === 3);
    process.emit('SIGINT');
    expect(await run.done).toBe(ExitCode.ok);

    const events = run.out.map((line) => JSON.parse(line));
    expect(events.map((e) => [e.type, e.data.n])).toEqual([
      ['ItemAdded', 1],
      ['ItemAdded', 3],
      ['ItemAdded', 5],
    ]);
    expect(events.map((e) => e.position)).toEqual([...events.map((e) => e.position)].sort((a, b) => a - b));
    expect(run.err).toEqual([`following the ledger after position ${after} (Ctrl-C to stop)`]);
  });

  it('starts at the head by default, printing a line per event', async () => {
    const run = tail();
    await until('it follows', () => run.err.length === 1);
    const { events } = await store.withPositions(
      await store.appendToStream('ext-b-1', 'any', [{ type: 'Noted', data: {} }]),
    );
    await until('the new event is printed', () => run.out.length === 1);
    process.emit('SIGTERM');
    expect(await run.done).toBe(ExitCode.ok);
    expect(run.out[0]).toMatch(new RegExp(`^${events[0].position}\\t\\S+\\text-b-1@1\\tNoted$`));
  });

  it.each([
    [['--after=1.5'], "--after must be a ledger position (an integer >= 0), got '1.5'"],
    [
      ['--type', 'bad type'],
      "--type 'bad type': expected letters, digits, '.', '_', ':' or '-' (at most 200)",
    ],
  ])('refuses %j with exit 2 before connecting', async (argv, message) => {
    const run = tail(...argv);
    expect(await run.done).toBe(ExitCode.usage);
    expect(run.err[0]).toBe(`annals: ${message}`);
  });
});
