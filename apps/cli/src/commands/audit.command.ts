import { KeyObject } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { AnnalsRuntime, loadConfig } from '@annals/platform';
import {
  BundleExporter,
  BundleRangeError,
  BundleReport,
  fingerprintOf,
  sealLineOf,
  VerificationRepository,
  Verifier,
  verifyBundle,
} from '@annals/event-store';
import { CliContext, UsageError } from '../command';
import { defineCommandGroup } from '../command-group';
import { ExitCode } from '../exit-codes';
import { writeLines, writeLinesToFile } from '../line-output';
import { stderrProgress } from '../progress';
import { MissingInputError, readFingerprint, readPublicKey, readServiceSealKey } from '../public-keys';

const options = {
  from: { type: 'string', valueName: 'N', description: 'First ledger position (default 1)' },
  to: { type: 'string', valueName: 'N', description: 'Last ledger position (default: the head)' },
  out: { type: 'string', valueName: 'FILE', description: 'export: write the bundle here instead of stdout' },
  'public-key': {
    type: 'string',
    multiple: true,
    valueName: 'FILE|BASE64',
    description: 'A trusted seal public key (PEM file, PEM or base64 SPKI); repeatable',
  },
  'trust-fingerprint': {
    type: 'string',
    multiple: true,
    valueName: 'SHA256',
    description: "verify-bundle: trust the bundle's own key only when it has this fingerprint",
  },
  'allow-unsealed': {
    type: 'boolean',
    description: 'verify-bundle: accept events after the last seal (reported as unsealed)',
  },
  json: { type: 'boolean', description: 'Print the result as JSON' },
} as const;

function position(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`--${option} must be a ledger position (an integer >= 1), got '${value}'`);
  return n;
}

/** Opens the configured database (DATABASE_URL, else the embedded one), without migrating, for one command. */
async function withDatabase<T>(
  context: CliContext,
  work: (runtime: AnnalsRuntime) => Promise<T>,
): Promise<T> {
  const runtime = await AnnalsRuntime.open(loadConfig(context.env), {
    migrate: false,
    applicationName: 'annals-audit',
    log: context.err,
  });
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** The keys `audit verify` trusts: the service's own seal key, plus any given (keys rotated out). */
function trustedKeys(context: CliContext, given: readonly string[] = []): KeyObject[] {
  const keys = given.map(readPublicKey);
  try {
    keys.unshift(readServiceSealKey(loadConfig(context.env).seals.keyFile).publicKey);
  } catch (error) {
    if (!(error instanceof MissingInputError) || keys.length === 0) throw error;
  }
  return keys;
}

export const auditCommand = defineCommandGroup({
  name: 'audit',
  summary: 'Verify the ledger and its seals; export and verify offline evidence bundles',
  options,
  subcommands: [
    {
      name: 'verify',
      summary: 'Recompute the chains and seals in the database; exit 1 at the first mismatch',
      usage: 'verify [--from <N>] [--to <N>] [--public-key <FILE|BASE64>]... [--json]',
      options: ['from', 'to', 'public-key', 'json'],
      async run({ values }, context) {
        const range = { from: position(values.from, 'from'), to: position(values.to, 'to') };
        const keys = trustedKeys(context, values['public-key']);
        const progress = stderrProgress('events verified');
        const report = await withDatabase(context, (runtime) =>
          new Verifier(new VerificationRepository(runtime.db as Kysely<any>), keys)
            .verify(range, (checked, total) => progress.update(checked, total))
            .finally(() => progress.finish()),
        );
        if (values.json) context.out(JSON.stringify(report));
        else if (report.ok)
          context.out(
            `ok: positions ${report.from}..${report.to}, ${report.eventsChecked} events and ${report.sealsChecked} seals verified`,
          );
        else {
          const failure = report.firstFailure!;
          context.out(`FAILED at position ${failure.position}: ${failure.code}: ${failure.message}`);
        }
        return report.ok ? ExitCode.ok : ExitCode.failure;
      },
    },
    {
      name: 'seals',
      summary: 'List the seals (signed chain heads) over a range',
      usage: 'seals [--from <N>] [--to <N>] [--json]',
      options: ['from', 'to', 'json'],
      async run({ values }, context) {
        const items = await withDatabase(context, async (runtime) => {
          const repository = new VerificationRepository(runtime.db as Kysely<any>);
          const from = position(values.from, 'from') ?? 1;
          const to = position(values.to, 'to') ?? (await repository.ledgerHead());
          // A seal as the audit bundle writes it, without the bundle's line kind.
          return (await repository.seals(from, to)).map((seal) => {
            const { kind: _kind, ...line } = sealLineOf(seal);
            return line;
          });
        });
        if (values.json) context.out(JSON.stringify({ items }));
        else if (items.length === 0) context.out('no seals');
        else
          for (const seal of items)
            context.out(
              `${seal.fromPosition}..${seal.toPosition}\tkey ${seal.keyId}\t${seal.sealedAt}\thead ${seal.headHash}`,
            );
        return ExitCode.ok;
      },
    },
    {
      name: 'export',
      summary: 'Write a range of the ledger with its seals as an NDJSON bundle (docs/audit-bundle.md)',
      usage: 'export [--from <N>] [--to <N>] [--out <FILE>]',
      options: ['from', 'to', 'out'],
      async run({ values }, context) {
        const range = { from: position(values.from, 'from'), to: position(values.to, 'to') };
        return withDatabase(context, async (runtime) => {
          const exporter = new BundleExporter(new VerificationRepository(runtime.db as Kysely<any>));
          let plan;
          try {
            plan = await exporter.plan(range);
          } catch (error) {
            if (error instanceof BundleRangeError)
              throw new UsageError(`--${error.field} must be ${error.expected}, got ${error.actual}`);
            throw error;
          }
          if (plan.to !== plan.requestedTo)
            context.err(`extended to ${plan.to}, the end of the seal that covers ${plan.requestedTo}`);
          if (plan.sealedTo < plan.to)
            context.err(
              `positions ${plan.sealedTo + 1}..${plan.to} are not sealed yet: the bundle verifies only with --allow-unsealed`,
            );
          const progress = stderrProgress('events exported');
          const total = plan.to - plan.from + 1;
          const lines = exporter.lines(plan, (at) => progress.update(at - plan.from + 1, total));
          try {
            await (values.out === undefined
              ? writeLines(process.stdout, lines)
              : writeLinesToFile(values.out, lines));
          } finally {
            progress.finish();
          }
          context.err(
            `exported positions ${plan.from}..${plan.to} (${plan.seals.length} seals)${values.out ? ` to ${values.out}` : ''}`,
          );
          return ExitCode.ok;
        });
      },
    },
    {
      name: 'verify-bundle',
      summary: 'Verify a bundle offline (no database): the file and a trusted public key',
      usage:
        'verify-bundle <FILE|-> (--public-key <FILE|BASE64> | --trust-fingerprint <SHA256>)... [--allow-unsealed] [--json]',
      options: ['public-key', 'trust-fingerprint', 'allow-unsealed', 'json'],
      maxPositionals: 1,
      async run({ values, positionals: [file] }, context) {
        if (file === undefined) throw new UsageError('missing the bundle file (- for stdin)');
        const publicKeys = (values['public-key'] ?? []).map(readPublicKey);
        const fingerprints = (values['trust-fingerprint'] ?? []).map(readFingerprint);
        // Never the file's own key on its word: the auditor names the key, or its fingerprint.
        if (publicKeys.length + fingerprints.length === 0)
          throw new UsageError(
            'give the trusted key: --public-key <FILE|BASE64> or --trust-fingerprint <SHA256>',
          );
        const report = await verifyFile(file, {
          publicKeys,
          fingerprints,
          allowUnsealed: values['allow-unsealed'] === true,
        });
        if (values.json) context.out(JSON.stringify(report));
        else context.out(describeBundleReport(report));
        return report.ok ? ExitCode.ok : ExitCode.failure;
      },
    },
    {
      name: 'public-key',
      summary: "Print the service's seal public key (PEM, base64 SPKI, fingerprint) for auditors",
      usage: 'public-key [--json]',
      options: ['json'],
      async run({ values }, context) {
        const key = readServiceSealKey(loadConfig(context.env).seals.keyFile);
        const spki = key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
        const fingerprint = fingerprintOf(key.publicKey);
        if (values.json)
          context.out(JSON.stringify({ keyId: key.keyId, fingerprint, publicKey: key.publicKeyPem, spki }));
        else {
          context.out(key.publicKeyPem.trimEnd());
          context.out(`key id:      ${key.keyId}`);
          context.out(`fingerprint: ${fingerprint}`);
          context.out(`base64 SPKI: ${spki}`);
        }
        return ExitCode.ok;
      },
    },
  ],
});

async function verifyFile(file: string, trust: Parameters<typeof verifyBundle>[1]): Promise<BundleReport> {
  if (file === '-') return verifyBundle(process.stdin, trust);
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new MissingInputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const progress = stderrProgress('bytes verified');
  let read = 0;
  try {
    return await verifyBundle(createReadStream(file), trust, (line) => {
      read += line.bytes.length + 1;
      progress.update(read, size);
    });
  } finally {
    progress.finish();
  }
}

export function describeBundleReport(report: BundleReport): string {
  if (!report.ok) {
    const failure = report.firstFailure!;
    return `FAILED at line ${failure.line}: ${failure.code}: ${failure.message}`;
  }
  const unsealed =
    report.unsealedEvents > 0
      ? `; ${report.unsealedEvents} events after ${report.sealedTo} are unsealed`
      : '';
  return (
    `ok: positions ${report.from}..${report.to}, ${report.eventsChecked} events and ${report.sealsChecked} seals ` +
    `verified (keys ${report.signedBy.join(', ') || 'none'})${unsealed}; digest ${report.digest}`
  );
}
