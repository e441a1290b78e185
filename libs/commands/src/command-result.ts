/** What a command answers on every transport. `position` is the ledger position of its last event. */
export interface CommandResult {
  readonly id: string;
  readonly streamId: string;
  readonly version: number;
  readonly position: number | null;
  readonly events: readonly CommandResultEvent[];
  /** True when an Idempotency-Key matched an earlier command: this is its result, nothing was written. */
  readonly replayed: boolean;
}

export interface CommandResultEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly type: string;
  readonly version: number;
  readonly position: number | null;
}

/** As kept with an idempotency key: positions are looked up again by the events' store numbers. */
export interface StoredCommandResult extends Omit<CommandResult, 'replayed' | 'events' | 'position'> {
  readonly events: readonly (CommandResultEvent & { readonly seq: string })[];
}
