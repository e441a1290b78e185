import { createHash, createPublicKey } from 'node:crypto';
import type { LedgerLinkRow, SealRow } from '../verification.repository';
import { keyIdOf } from '../seal-keys';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  BundleHeader,
  BundleKey,
  BundleTrailer,
  eventLineOf,
  fingerprintOf,
  sealLineOf,
} from './bundle-format';

export interface BundleContents {
  readonly from: number;
  readonly to: number;
  /** The ledger hash at from - 1. */
  readonly anchor: Buffer;
  /** Every seal whose end lies in from..to, in order; each is written right after the event at its end. */
  readonly seals: readonly SealRow[];
  /** The links from..to in order, read as they are written. */
  readonly links: AsyncIterable<LedgerLinkRow>;
  readonly createdAt: Date;
}

export function bundleKeys(seals: readonly Pick<SealRow, 'publicKeyPem'>[]): BundleKey[] {
  const keys = new Map<string, BundleKey>();
  for (const { publicKeyPem } of seals) {
    const key = createPublicKey(publicKeyPem);
    const fingerprint = fingerprintOf(key);
    if (!keys.has(fingerprint))
      keys.set(fingerprint, {
        keyId: keyIdOf(key),
        fingerprint,
        publicKey: key.export({ type: 'spki', format: 'pem' }).toString(),
      });
  }
  return [...keys.values()];
}

/**
 * Writes a bundle as NDJSON lines (each ending with a newline), one link at a time: it holds one line,
 * the running digest and the seal list, never the events.
 */
export async function* bundleLines(contents: BundleContents): AsyncGenerator<string> {
  const digest = createHash('sha256');
  let lines = 0;
  let events = 0;
  let sealsWritten = 0;
  const emit = (value: object): string => {
    const line = `${JSON.stringify(value)}\n`;
    digest.update(line, 'utf8');
    lines += 1;
    return line;
  };
  const seals = contents.seals;
  const header: BundleHeader = {
    kind: 'header',
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    from: contents.from,
    to: contents.to,
    sealedTo: seals.length > 0 ? seals[seals.length - 1].toPosition : contents.from - 1,
    anchor: contents.anchor.toString('hex'),
    keys: bundleKeys(seals),
    createdAt: contents.createdAt.toISOString(),
  };
  yield emit(header);
  let nextSeal = 0;
  for await (const link of contents.links) {
    yield emit(eventLineOf(link));
    events += 1;
    while (nextSeal < seals.length && seals[nextSeal].toPosition === link.position) {
      yield emit(sealLineOf(seals[nextSeal++]));
      sealsWritten += 1;
    }
  }
  if (events !== contents.to - contents.from + 1)
    throw new Error(`the ledger yielded ${events} links for positions ${contents.from}..${contents.to}`);
  const trailer: BundleTrailer = {
    kind: 'trailer',
    lines,
    events,
    seals: sealsWritten,
    digest: digest.digest('hex'),
  };
  yield `${JSON.stringify(trailer)}\n`;
}
