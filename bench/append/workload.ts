import { Contender } from './contender';
import { benchEvents } from './payload';

/** A contender with the run's bookkeeping: every event gets a distinct payload, and what the store acknowledged is counted. */
export class Workload {
  private nextEvent = 0;
  private acknowledgedEvents = 0;

  constructor(readonly contender: Contender) {}

  /** Events the store has acknowledged so far in this run. */
  get acknowledged(): number {
    return this.acknowledgedEvents;
  }

  /** Appends `count` new events; returns `count` once the store acknowledges them. */
  async append(streamId: string, expectedVersion: number, count: number): Promise<number> {
    const events = benchEvents(count, this.nextEvent);
    this.nextEvent += count;
    await this.contender.append(streamId, expectedVersion, events);
    this.acknowledgedEvents += count;
    return count;
  }
}
