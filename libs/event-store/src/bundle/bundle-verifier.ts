import { createHash, createPublicKey, Hash, KeyObject } from 'node:crypto';
import { GENESIS_HASH } from '../hash-chain';
import { LedgerChainCheck } from '../ledger-chain-check';
import { SealSequenceCheck } from '../seal-check';
import { keyIdOf } from '../seal-keys';
import type { VerificationFailure } from '../verification';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  BundleEventLine,
  BundleHeader,
  BundleSealLine,
  BundleTrailer,
  fingerprintOf,
  linkOf,
  sealOf,
} from './bundle-format';
import { MalformedBundleLineError, parseBundleLine } from './bundle-line.parser';
import { RawLine, splitLines } from './bundle-lines';

// Offline by construction: nothing here (nor in what it imports) loads pg or Kysely.

export type BundleFailureCode =
  | VerificationFailure['code']
  | 'bundle.malformed_line'
  | 'bundle.header_invalid'
  | 'bundle.unsupported_version'
  | 'bundle.anchor_invalid'
  | 'bundle.out_of_order'
  | 'bundle.beyond_range'
  | 'bundle.seal_misplaced'
  | 'bundle.unsealed'
  | 'bundle.truncated'
  | 'bundle.trailing_data'
  | 'seal.missing'
  | 'trailer.count_mismatch'
  | 'trailer.digest_mismatch';

export interface BundleFailure {
  /** 1-based line number of the first line found wrong (one past the end for a file cut short). */
  readonly line: number;
  readonly code: BundleFailureCode;
  readonly message: string;
  /** The ledger position concerned, when there is one. */
  readonly position?: number;
}

export interface BundleTrust {
  /** Keys handed to the auditor out of band: seals signed by them are accepted. */
  readonly publicKeys: readonly KeyObject[];
  /**
   * Fingerprints (sha256 of SPKI DER, hex) of keys the auditor trusts: a key carried in the header is
   * used only when its fingerprint is one of these. The header's own keys are never trusted otherwise.
   */
  readonly fingerprints?: readonly string[];
  /** Accept events after the last seal (an export up to an unsealed head); they are counted as unsealed. */
  readonly allowUnsealed?: boolean;
}

export interface BundleReport {
  readonly ok: boolean;
  readonly lines: number;
  readonly from?: number;
  readonly to?: number;
  readonly eventsChecked: number;
  readonly sealsChecked: number;
  /** The end of the last seal verified. */
  readonly sealedTo?: number;
  /** Events after the last seal: verified as a chain, but under no signature. */
  readonly unsealedEvents: number;
  /** The ids of the trusted keys that signed the seals verified. */
  readonly signedBy: readonly string[];
  readonly digest?: string;
  readonly firstFailure?: BundleFailure;
}

class BundleFailed extends Error {
  constructor(readonly failure: Omit<BundleFailure, 'line'>) {
    super(failure.message);
  }
}

const fail = (code: BundleFailureCode, message: string, position?: number): never => {
  throw new BundleFailed({ code, message, ...(position !== undefined && { position }) });
};

/**
 * Verifies a bundle line by line, keeping only the chain head and the seal sequence, so a bundle of
 * any size verifies in constant memory. Recomputes every event's stream link and the ledger chain from
 * the header's anchor (the same LedgerChainCheck the database Verifier uses), checks each seal against
 * the recomputed head and a trusted key (the same SealSequenceCheck), and the trailer's count and digest.
 * Stops at the first line found wrong.
 */
export class BundleVerifier {
  private lineNumber = 0;
  private header: BundleHeader | undefined;
  private chain: LedgerChainCheck | undefined;
  private seals: SealSequenceCheck | undefined;
  private sealsChecked = 0;
  private readonly signedBy = new Set<string>();
  private readonly digest: Hash = createHash('sha256');
  private trailer: BundleTrailer | undefined;
  private failure: BundleFailure | undefined;

  constructor(private readonly trust: BundleTrust) {}

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Checks the next line; false once the bundle has failed (later lines are not looked at). */
  push(line: RawLine): boolean {
    if (this.failure) return false;
    this.lineNumber += 1;
    try {
      if (!line.terminated)
        fail('bundle.truncated', `line ${this.lineNumber} has no newline: the file is cut short`);
      if (this.trailer) fail('bundle.trailing_data', 'a line follows the trailer');
      const parsed = this.parse(line.text);
      switch (parsed.kind) {
        case 'header':
          this.onHeader(parsed);
          break;
        case 'event':
          this.onEvent(this.started(), parsed);
          break;
        case 'seal':
          this.onSeal(this.started(), parsed);
          break;
        case 'trailer':
          this.onTrailer(this.started(), parsed);
          break;
      }
      if (parsed.kind !== 'trailer') this.digest.update(line.bytes).update('\n');
      return true;
    } catch (error) {
      if (!(error instanceof BundleFailed)) throw error;
      this.failure = { line: this.lineNumber, ...error.failure };
      return false;
    }
  }

  /** The verdict once every line was pushed. */
  end(): BundleReport {
    if (!this.failure && !this.trailer) {
      this.failure = {
        line: this.lineNumber + 1,
        code: 'bundle.truncated',
        message:
          this.lineNumber === 0 ? 'the file is empty' : 'the file ends without a trailer: it is cut short',
      };
    }
    const header = this.header;
    const eventsChecked = this.chain?.checked ?? 0;
    const sealedTo = this.seals?.sealedTo ?? (header && header.from - 1);
    const lastEvent = header ? header.from - 1 + eventsChecked : 0;
    return {
      ok: this.failure === undefined,
      lines: this.lineNumber,
      ...(header && { from: header.from, to: header.to }),
      eventsChecked,
      sealsChecked: this.sealsChecked,
      ...(sealedTo !== undefined && { sealedTo }),
      unsealedEvents: Math.max(0, lastEvent - (sealedTo ?? 0)),
      signedBy: [...this.signedBy],
      ...(this.trailer && !this.failure && { digest: this.trailer.digest }),
      ...(this.failure && { firstFailure: this.failure }),
    };
  }

  private parse(text: string) {
    try {
      const parsed = parseBundleLine(text);
      if ((parsed.kind === 'header') !== (this.lineNumber === 1))
        fail('bundle.header_invalid', this.lineNumber === 1 ? 'line 1 is not the header' : 'a second header');
      return parsed;
    } catch (error) {
      if (error instanceof MalformedBundleLineError) return fail(error.code, error.message);
      throw error;
    }
  }

  private started(): { header: BundleHeader; chain: LedgerChainCheck; seals: SealSequenceCheck } {
    // parse() guarantees line 1 was the header, which set all three.
    return { header: this.header!, chain: this.chain!, seals: this.seals! };
  }

  private onHeader(header: BundleHeader): void {
    if (header.format !== BUNDLE_FORMAT)
      fail('bundle.header_invalid', `the format is ${JSON.stringify(header.format)}, not ${BUNDLE_FORMAT}`);
    if (header.version !== BUNDLE_VERSION)
      fail(
        'bundle.unsupported_version',
        `format version ${header.version}; this verifier reads version ${BUNDLE_VERSION}`,
      );
    if (header.to < header.from)
      fail('bundle.header_invalid', `the range ${header.from}..${header.to} is empty`);
    if (header.sealedTo < header.from - 1 || header.sealedTo > header.to)
      fail(
        'bundle.header_invalid',
        `sealedTo ${header.sealedTo} lies outside ${header.from - 1}..${header.to}`,
      );
    const anchor = Buffer.from(header.anchor, 'hex');
    // Only the start of the ledger has a known anchor; elsewhere the first seal checked vouches for it.
    if (header.from === 1 && !anchor.equals(GENESIS_HASH))
      fail('bundle.anchor_invalid', 'a bundle from position 1 must start from the all-zero anchor');
    this.header = header;
    this.chain = new LedgerChainCheck(header.from, anchor);
    this.seals = new SealSequenceCheck(this.trustedKeys(header), header.from);
  }

  private trustedKeys(header: BundleHeader): KeyObject[] {
    const trusted = [...this.trust.publicKeys];
    const fingerprints = new Set((this.trust.fingerprints ?? []).map((f) => f.toLowerCase()));
    for (const [index, entry] of header.keys.entries()) {
      let key: KeyObject;
      try {
        key = createPublicKey(entry.publicKey);
      } catch {
        return fail('bundle.header_invalid', `key ${index} of the header is not a public key`);
      }
      if (fingerprintOf(key) !== entry.fingerprint || keyIdOf(key) !== entry.keyId)
        fail('bundle.header_invalid', `key ${index} of the header does not match its keyId and fingerprint`);
      if (fingerprints.has(entry.fingerprint)) trusted.push(key);
    }
    return trusted;
  }

  private onEvent(state: ReturnType<BundleVerifier['started']>, line: BundleEventLine): void {
    const { header, chain, seals } = state;
    const { position } = line;
    if (position > header.to)
      fail(
        'bundle.beyond_range',
        `position ${position} lies past the end of the bundle (${header.to})`,
        position,
      );
    if (position < chain.expected)
      fail(
        'bundle.out_of_order',
        `position ${position} comes after ${chain.expected - 1}: lines are repeated or out of order`,
        position,
      );
    if (position > chain.expected)
      fail(
        'ledger.gap',
        `position ${chain.expected} is missing: the line holds position ${position}`,
        chain.expected,
      );
    this.expectSealsUpTo(header, seals, position - 1);
    if (!chain.check(linkOf(line))) {
      const failure = chain.failure!;
      fail(failure.code, failure.message, failure.position);
    }
  }

  /** The seals the header announces must all be there: the one ending at sealedTo right after its event. */
  private expectSealsUpTo(header: BundleHeader, seals: SealSequenceCheck, lastEvent: number): void {
    const sealedTo = seals.sealedTo ?? header.from - 1;
    if (lastEvent >= header.sealedTo && sealedTo < header.sealedTo)
      fail(
        'seal.missing',
        `the seals end at ${sealedTo}, the header says ${header.sealedTo}: the seal ending at ${header.sealedTo} is missing`,
        header.sealedTo,
      );
  }

  private onSeal(state: ReturnType<BundleVerifier['started']>, line: BundleSealLine): void {
    const { header, chain, seals } = state;
    const at = line.toPosition;
    if (at !== chain.expected - 1)
      fail(
        'bundle.seal_misplaced',
        `a seal ending at ${at} must follow the event at ${at}, not the event at ${chain.expected - 1}`,
        at,
      );
    if (at > header.sealedTo)
      fail(
        'bundle.seal_misplaced',
        `a seal ending at ${at}, past the header's sealedTo ${header.sealedTo}`,
        at,
      );
    const failure = seals.check(sealOf(line));
    if (failure) fail(failure.code, failure.message, failure.position);
    if (!chain.head || chain.head.toString('hex') !== line.headHash)
      fail('seal.head_mismatch', `the ledger chain head at ${at} is not the one the seal signed`, at);
    this.sealsChecked += 1;
    this.signedBy.add(line.keyId);
  }

  private onTrailer(state: ReturnType<BundleVerifier['started']>, trailer: BundleTrailer): void {
    const { header, chain, seals } = state;
    if (chain.expected <= header.to)
      fail(
        'ledger.gap',
        `positions ${chain.expected}..${header.to} are missing before the trailer`,
        chain.expected,
      );
    this.expectSealsUpTo(header, seals, header.to);
    if (header.sealedTo < header.to && !this.trust.allowUnsealed)
      fail(
        'bundle.unsealed',
        `positions ${header.sealedTo + 1}..${header.to} are under no seal (allow them explicitly to accept that)`,
        header.sealedTo + 1,
      );
    const preceding = this.lineNumber - 1;
    if (
      trailer.lines !== preceding ||
      trailer.events !== chain.checked ||
      trailer.seals !== this.sealsChecked
    )
      fail(
        'trailer.count_mismatch',
        `the trailer counts ${trailer.lines} lines, ${trailer.events} events and ${trailer.seals} seals; ` +
          `the file has ${preceding}, ${chain.checked} and ${this.sealsChecked}`,
      );
    const digest = this.digest.copy().digest('hex');
    if (trailer.digest !== digest)
      fail(
        'trailer.digest_mismatch',
        `the lines above hash to ${digest}, the trailer says ${trailer.digest}`,
      );
    this.trailer = trailer;
  }
}

/** Verifies a whole bundle read from a byte stream (a file, stdin), stopping at the first bad line. */
export async function verifyBundle(
  chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  trust: BundleTrust,
  onLine?: (line: RawLine) => void,
): Promise<BundleReport> {
  const verifier = new BundleVerifier(trust);
  for await (const line of splitLines(chunks)) {
    onLine?.(line);
    if (!verifier.push(line)) break;
  }
  return verifier.end();
}
