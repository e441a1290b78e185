import { canonicalEvent } from './envelope';
import { eventHash, ledgerHash } from './hash-chain';
import type { VerificationFailure } from './verification';
import type { LedgerLinkRow } from './verification.repository';

/**
 * Walks ledger links in order, recomputing each event's stream link and the ledger link. The one
 * implementation of those checks: the database Verifier and the offline bundle verifier both feed it.
 * Type-only imports keep it free of pg and Kysely, so the offline verifier can load it.
 */
export class LedgerChainCheck {
  failure: VerificationFailure | undefined;
  checked = 0;

  constructor(
    /** The position the next link must have. */
    public expected: number,
    /** The ledger hash before `expected` (the chain anchor); null when it is missing. */
    private previousLedgerHash: Buffer | null,
  ) {}

  /** The ledger hash at `expected - 1`: the chain head so far. */
  get head(): Buffer | null {
    return this.previousLedgerHash;
  }

  fail(position: number, code: VerificationFailure['code'], message: string): false {
    this.failure ??= { position, code, message };
    return false;
  }

  check(link: LedgerLinkRow): boolean {
    const { position, event } = link;
    if (position !== this.expected)
      return this.fail(this.expected, 'ledger.gap', `position ${this.expected} is missing from the ledger`);
    if (this.previousLedgerHash === null)
      return this.fail(position, 'ledger.gap', `position ${position - 1} is missing from the ledger`);
    if (!event)
      return this.fail(
        position,
        'ledger.event_missing',
        `the event numbered ${position} is no longer stored`,
      );
    if (event.version > 1 && event.previousHash === null) {
      return this.fail(
        position,
        'stream.event_missing',
        `version ${event.version - 1} of ${event.streamId} is no longer stored`,
      );
    }
    const recomputed = eventHash(
      event.version > 1 ? event.previousHash : null,
      event.version,
      canonicalEvent(event),
    );
    if (!recomputed.equals(event.hash)) {
      return this.fail(
        position,
        'event.hash_mismatch',
        `event ${event.eventId} (${event.streamId} version ${event.version}) does not match its hash`,
      );
    }
    if (!ledgerHash(this.previousLedgerHash, position, event.hash).equals(link.ledgerHash)) {
      return this.fail(position, 'ledger.hash_mismatch', `the ledger link at ${position} does not match`);
    }
    this.previousLedgerHash = link.ledgerHash;
    this.expected = position + 1;
    this.checked += 1;
    return true;
  }
}
