import { KeyObject } from 'node:crypto';
import { GENESIS_HASH } from './hash-chain';
import { LedgerChainCheck } from './ledger-chain-check';
import { SealSequenceCheck } from './seal-check';
import type { SealRow, VerificationRepository } from './verification.repository';

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

  /** `onProgress` is told, after each page, how many of the range's events were checked so far. */
  async verify(
    range: { from?: number; to?: number } = {},
    onProgress?: (checked: number, total: number) => void,
  ): Promise<VerificationReport> {
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
      onProgress?.(chain.checked, to - from + 1);
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
    const sequence = new SealSequenceCheck(this.trustedKeys, from);
    for (const seal of seals) {
      const failure = sequence.check(seal);
      if (failure) return failure;
      const at = seal.toPosition;
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
