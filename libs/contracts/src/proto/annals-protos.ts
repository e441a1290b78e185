import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadSync, Options, PackageDefinition } from '@grpc/proto-loader';

/** The .proto files of package annals.v1, relative to PROTO_ROOT. */
export const ANNALS_PROTO_FILES = [
  'annals/v1/commands.proto',
  'annals/v1/events.proto',
  'annals/v1/workflow_queries.proto',
  'annals/v1/task_queries.proto',
  'annals/v1/projections.proto',
  'annals/v1/deployment_queries.proto',
  'annals/v1/activity_queries.proto',
  'annals/v1/dora_metrics.proto',
  'annals/v1/flow_metrics.proto',
  'annals/v1/decision_queries.proto',
  'annals/v1/snapshot_queries.proto',
  'annals/v1/decision_snapshot_metrics.proto',
] as const;

/**
 * libs/contracts/proto, from the sources (ts-jest, ts-node) or from the compiled tree: tsc does not
 * copy .proto files, so `dist/libs/contracts/proto` exists only where the image build copies them,
 * and a local `npm start` reads them from the checkout.
 */
export function protoRoot(): string {
  const candidates = [
    join(__dirname, '..', '..', 'proto'),
    join(__dirname, '..', '..', '..', '..', '..', 'libs', 'contracts', 'proto'),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, ANNALS_PROTO_FILES[0])));
  if (!found) throw new Error(`The annals .proto files are not in ${candidates.join(' or ')}`);
  return found;
}

/**
 * How both ends load the protos: int64 as decimal text (positions outgrow 2^53 long before the
 * store does anything else wrong), enums as names, and unset fields left absent (defaults: false)
 * so that "not given" never reads as 0 or "".
 */
export const ANNALS_PROTO_OPTIONS: Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: false,
};

export function loadAnnalsProtos(options: Options = ANNALS_PROTO_OPTIONS): PackageDefinition {
  // Names relative to the include dir: they become the file names server reflection reports.
  return loadSync([...ANNALS_PROTO_FILES], { ...options, includeDirs: [protoRoot()] });
}
