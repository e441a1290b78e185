import { KeyObject } from 'node:crypto';
import { canonicalEvent } from './envelope';
import { eventHash, GENESIS_HASH, ledgerHash } from './hash-chain';
import { keyIdOf, verifySeal } from './seal-keys';
import { LedgerLinkRow, SealRow, VerificationRepository } from './verification.repository';

export interface VerificationFailure {
  readonly position: number;
  readonly code:
    | 'ledger.gap'
    | 'ledger.event_missing'
    | 'ledger.hash_mismatch'
    | 'event.hash_mismatch'
    | 'stream.event_missing'
    | 'seal.head_mismatch'
    | 'seal.signature_invalid'
    | 'seal.untrusted_key'
    | 'seal.gap';
  readonly message: string;
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly from: number;
  readonly to: number;
  readonly eventsChecked: number;
  readonly sealsChecked: number;
  /** The failure at the lowest position, if any. */
  readonly firstFailure?: VerificationFailure;
}

const PAGE = 2000;

/**
 * Recomputes the stream chains, the ledger chain and the seals over a position range, and reports
 * the first position that does not match. Trusts nothing stored but the keys it is given.
 */
export class Verifier {
  constructor(
    private readonly repository: VerificationRepository,
    private readonly trustedKeys: readonly KeyObject[],
  ) {}

  async verify(range: { from?: number; to?: number } = {}): Promise<VerificationReport> {
    const head = await this.repository.ledgerHead();
    const from = Math.max(1, range.from ?? 1);
    const to = Math.min(range.to ?? head, head);
    const chain = new LedgerChainCheck(
      from,
      from > 1 ? ((await this.repository.ledgerHashAt(from - 1)) ?? null) : GENESIS_HASH,
    );
    const seals = await this.repository.seals(from, to);
    const sealedPositions = new Set(seals.map((s) => s.toPosition));
    const hashesAtSeals = new Map<number, Buffer>();

    for (let next = from; next <= to && !chain.failure;) {
      const links = await this.repository.links(next, to, PAGE);
      if (links.length === 0) break;
      for (const link of links) {
        if (!chain.check(link)) break;
        if (sealedPositions.has(link.position)) hashesAtSeals.set(link.position, link.ledgerHash);
      }
      next = links[links.length - 1].position + 1;
    }
    if (!chain.failure && chain.expected <= to)
      chain.fail(chain.expected, 'ledger.gap', `position ${chain.expected} is missing from the ledger`);

    // A seal that ends past `to` is judged only when `to` is the head: its end was not recomputed otherwise,
    // but at the head it must be, or the newest events could be removed unnoticed.
    const sealFailure = this.checkSeals(
      seals,
      hashesAtSeals,
      chain.failure?.position ?? Infinity,
      from,
      to < head ? to : Infinity,
    );
    const failures = [chain.failure, sealFailure].filter((f): f is VerificationFailure => f !== undefined);
    const firstFailure = failures.sort((a, b) => a.position - b.position)[0];
    return {
      ok: firstFailure === undefined,
      from,
      to,
      eventsChecked: chain.checked,
      sealsChecked: seals.length,
      ...(firstFailure && { firstFailure }),
    };
  }

  private checkSeals(
    seals: readonly SealRow[],
    hashes: ReadonlyMap<number, Buffer>,
    chainBrokenAt: number,
    from: number,
    judgedUpTo: number,
  ): VerificationFailure | undefined {
    const trusted = new Map(this.trustedKeys.map((k) => [keyIdOf(k), k]));
    let previousTo: number | undefined;
    for (const seal of seals) {
      const at = seal.toPosition;
      // Seals cover consecutive ranges: the first one in view must reach back to `from`, each next one start where the last ended.
      const expectedFrom = previousTo === undefined ? undefined : previousTo + 1;
      if (expectedFrom === undefined ? seal.fromPosition > from : seal.fromPosition !== expectedFrom) {
        return {
          position: at,
          code: 'seal.gap',
          message:
            expectedFrom === undefined
              ? `no seal covers positions ${from} to ${seal.fromPosition - 1}`
              : `the seal ending at ${at} does not start right after the seal before it (${previousTo})`,
        };
      }
      previousTo = seal.toPosition;
      const key = trusted.get(seal.keyId);
      if (!key)
        return {
          position: at,
          code: 'seal.untrusted_key',
          message: `the seal ending at ${at} is signed by key ${seal.keyId}, which is not trusted`,
        };
      if (!verifySeal(key, seal.fromPosition, seal.toPosition, seal.headHash, seal.signature)) {
        return {
          position: at,
          code: 'seal.signature_invalid',
          message: `the signature of the seal ending at ${at} does not match its range and head`,
        };
      }
      // A seal beyond a broken link cannot be judged against recomputed hashes; the chain failure already says where.
      if (at >= chainBrokenAt || at < from || at > judgedUpTo) continue;
      const recomputed = hashes.get(at);
      if (!recomputed || !recomputed.equals(seal.headHash)) {
        return {
          position: at,
          code: 'seal.head_mismatch',
          message: `the ledger chain head at ${at} is not the one the seal signed`,
        };
      }
    }
    return undefined;
  }
}

/** Walks ledger links in order, recomputing each event's stream link and the ledger link. */
class LedgerChainCheck {
  failure: VerificationFailure | undefined;
  checked = 0;

  constructor(
    public expected: number,
    private previousLedgerHash: Buffer | null,
  ) {}

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
