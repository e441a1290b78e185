import { KeyObject } from 'node:crypto';
import { keyIdOf, verifySeal } from './seal-keys';
import type { VerificationFailure } from './verification';
import type { SealRow } from './verification.repository';

/**
 * Checks seals in the order of their ranges: that they follow one another without a gap from the
 * start of the range verified, that a trusted key signed each, and that each signature matches its
 * range and head. Whether the head is the recomputed one is for the caller, who holds the chain.
 * Shared by the database Verifier and the offline bundle verifier.
 */
export class SealSequenceCheck {
  private readonly trusted: ReadonlyMap<string, KeyObject>;
  private previousTo: number | undefined;

  constructor(
    trustedKeys: readonly KeyObject[],
    /** The first position verified: the first seal must reach back to it. */
    private readonly from: number,
  ) {
    this.trusted = new Map(trustedKeys.map((k) => [keyIdOf(k), k]));
  }

  /** The end of the last seal checked, if any. */
  get sealedTo(): number | undefined {
    return this.previousTo;
  }

  check(
    seal: Pick<SealRow, 'fromPosition' | 'toPosition' | 'headHash' | 'keyId' | 'signature'>,
  ): VerificationFailure | undefined {
    const at = seal.toPosition;
    // Seals cover consecutive ranges: the first one in view must reach back to `from`, each next one start where the last ended.
    const previousTo = this.previousTo;
    const expectedFrom = previousTo === undefined ? undefined : previousTo + 1;
    if (expectedFrom === undefined ? seal.fromPosition > this.from : seal.fromPosition !== expectedFrom) {
      return {
        position: at,
        code: 'seal.gap',
        message:
          expectedFrom === undefined
            ? `no seal covers positions ${this.from} to ${seal.fromPosition - 1}`
            : `the seal ending at ${at} does not start right after the seal before it (${previousTo})`,
      };
    }
    this.previousTo = seal.toPosition;
    const key = this.trusted.get(seal.keyId);
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
    return undefined;
  }
}
