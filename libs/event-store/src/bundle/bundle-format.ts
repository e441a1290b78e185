import { createHash, KeyObject } from 'node:crypto';
import type { EventEnvelope } from '../envelope';
import type { LedgerLinkRow, SealRow } from '../verification.repository';

/**
 * The audit bundle: a range of the ledger as NDJSON, verifiable offline with nothing but the file and
 * a public key. Line by line (docs/audit-bundle.md): a header, one line per ledger position, each seal
 * right after the event at its end, and a trailer with the line count and a digest of the lines above.
 */
export const BUNDLE_FORMAT = 'annals.audit-bundle';
export const BUNDLE_VERSION = 1;
export const BUNDLE_MEDIA_TYPE = 'application/x-ndjson';

export interface BundleKey {
  /** As seals name their key: the first 16 hex digits of the fingerprint. */
  readonly keyId: string;
  /** sha256 of the key's SPKI DER, hex: what an auditor compares with the key handed to them. */
  readonly fingerprint: string;
  /** SPKI PEM. */
  readonly publicKey: string;
}

export interface BundleHeader {
  readonly kind: 'header';
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: number;
  readonly from: number;
  readonly to: number;
  /** The end of the last seal in the bundle; from - 1 when none is. */
  readonly sealedTo: number;
  /** The ledger hash at from - 1 (all zeros when from is 1), hex. */
  readonly anchor: string;
  readonly keys: readonly BundleKey[];
  readonly createdAt: string;
}

/** The event as the store answers it (`hash` is its stream chain link, hex), with the links a verifier checks. */
export interface BundleEventLine extends Omit<EventEnvelope, 'position' | 'metadata'> {
  readonly kind: 'event';
  readonly position: number;
  /** As stored: a bundle carries whatever metadata the event was written with. */
  readonly metadata: unknown;
  /** The stream chain link before this event (null for version 1), hex. */
  readonly previousHash: string | null;
  /** The ledger chain link at this position, hex. */
  readonly ledgerHash: string;
}

export interface BundleSealLine {
  readonly kind: 'seal';
  readonly fromPosition: number;
  readonly toPosition: number;
  /** The ledger hash at toPosition that the seal signs, hex. */
  readonly headHash: string;
  readonly keyId: string;
  /** Ed25519 over sealMessage(fromPosition, toPosition, headHash), base64. */
  readonly signature: string;
  readonly sealedAt: string;
}

export interface BundleTrailer {
  readonly kind: 'trailer';
  /** How many lines precede the trailer. */
  readonly lines: number;
  readonly events: number;
  readonly seals: number;
  /** sha256 over the bytes of every preceding line, each with its newline, hex. */
  readonly digest: string;
}

export type BundleLine = BundleHeader | BundleEventLine | BundleSealLine | BundleTrailer;

export function fingerprintOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export function eventLineOf(link: LedgerLinkRow): BundleEventLine {
  const event = link.event;
  if (!event) throw new Error(`the event numbered ${link.position} is no longer stored`);
  return {
    kind: 'event',
    position: link.position,
    eventId: event.eventId,
    streamId: event.streamId,
    streamType: event.streamType,
    version: event.version,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    previousHash: event.previousHash?.toString('hex') ?? null,
    hash: event.hash.toString('hex'),
    ledgerHash: link.ledgerHash.toString('hex'),
  };
}

/** The inverse of eventLineOf: what the shared chain check reads. */
export function linkOf(line: BundleEventLine): LedgerLinkRow {
  return {
    position: line.position,
    ledgerHash: Buffer.from(line.ledgerHash, 'hex'),
    event: {
      eventId: line.eventId,
      streamId: line.streamId,
      streamType: line.streamType,
      version: line.version,
      type: line.type,
      schemaVersion: line.schemaVersion,
      data: line.data,
      metadata: line.metadata,
      occurredAt: line.occurredAt,
      recordedAt: line.recordedAt,
      hash: Buffer.from(line.hash, 'hex'),
      previousHash: line.previousHash === null ? null : Buffer.from(line.previousHash, 'hex'),
    },
  };
}

export function sealLineOf(seal: SealRow): BundleSealLine {
  return {
    kind: 'seal',
    fromPosition: seal.fromPosition,
    toPosition: seal.toPosition,
    headHash: seal.headHash.toString('hex'),
    keyId: seal.keyId,
    signature: seal.signature.toString('base64'),
    sealedAt: seal.sealedAt,
  };
}

export function sealOf(
  line: BundleSealLine,
): Pick<SealRow, 'fromPosition' | 'toPosition' | 'headHash' | 'keyId' | 'signature'> {
  return {
    fromPosition: line.fromPosition,
    toPosition: line.toPosition,
    headHash: Buffer.from(line.headHash, 'hex'),
    keyId: line.keyId,
    signature: Buffer.from(line.signature, 'base64'),
  };
}
