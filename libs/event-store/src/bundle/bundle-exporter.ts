import { EventStoreError } from '../errors';
import { GENESIS_HASH } from '../hash-chain';
import type { LedgerLinkRow, SealRow, VerificationRepository } from '../verification.repository';
import { bundleLines } from './bundle-writer';

/** An export range that the ledger cannot give: reported with the field, what was expected and given. */
export class BundleRangeError extends EventStoreError {
  readonly code = 'audit.range_invalid';
  constructor(
    readonly field: 'from' | 'to',
    readonly expected: string,
    readonly actual: number,
  ) {
    super(`${field} must be ${expected}, got ${actual}`);
    this.name = 'BundleRangeError';
  }
}

export interface BundlePlan {
  readonly from: number;
  /** The end written: the requested end, moved up to the end of the seal that covers it. */
  readonly to: number;
  readonly requestedTo: number;
  readonly anchor: Buffer;
  readonly seals: readonly SealRow[];
  /** The end of the last seal; from - 1 when none lies in the range. */
  readonly sealedTo: number;
}

const PAGE = 2000;

/**
 * Exports a range of the ledger as an audit bundle (docs/audit-bundle.md). The requested end is moved
 * up to the end of the seal that covers it, so that every event written is under a signature; only
 * events past the newest seal (an unsealed head) stay unsealed, and the header says from where.
 */
export class BundleExporter {
  constructor(
    private readonly repository: VerificationRepository,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Resolves and checks the range before anything is written, so a bad range fails as a whole. */
  async plan(range: { from?: number; to?: number } = {}): Promise<BundlePlan> {
    const head = await this.repository.ledgerHead();
    const from = range.from ?? 1;
    const requestedTo = range.to ?? head;
    if (!Number.isSafeInteger(from) || from < 1 || from > head)
      throw new BundleRangeError(
        'from',
        head === 0 ? 'a position (the ledger is empty)' : `from 1 to ${head}`,
        from,
      );
    if (!Number.isSafeInteger(requestedTo) || requestedTo < from || requestedTo > head)
      throw new BundleRangeError('to', `from ${from} to ${head}`, requestedTo);
    const covering = await this.repository.seals(requestedTo, requestedTo);
    const to = Math.max(requestedTo, ...covering.map((s) => s.toPosition));
    const seals = (await this.repository.seals(from, to)).filter(
      (s) => s.toPosition >= from && s.toPosition <= to,
    );
    const anchor = from === 1 ? GENESIS_HASH : await this.repository.ledgerHashAt(from - 1);
    if (!anchor) throw new Error(`position ${from - 1} is missing from the ledger: run audit verify`);
    return {
      from,
      to,
      requestedTo,
      anchor,
      seals,
      sealedTo: seals.length > 0 ? seals[seals.length - 1].toPosition : from - 1,
    };
  }

  /** The bundle's lines; `onEvent` is told each position written (for progress). */
  lines(plan: BundlePlan, onEvent?: (position: number) => void): AsyncGenerator<string> {
    return bundleLines({
      from: plan.from,
      to: plan.to,
      anchor: plan.anchor,
      seals: plan.seals,
      links: this.links(plan.from, plan.to, onEvent),
      createdAt: this.clock(),
    });
  }

  private async *links(
    from: number,
    to: number,
    onEvent?: (position: number) => void,
  ): AsyncGenerator<LedgerLinkRow> {
    for (let next = from; next <= to;) {
      const page = await this.repository.links(next, to, PAGE);
      if (page.length === 0) return;
      for (const link of page) {
        onEvent?.(link.position);
        yield link;
      }
      next = page[page.length - 1].position + 1;
    }
  }
}
