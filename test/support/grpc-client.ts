import { join } from 'node:path';
import {
  ChannelCredentials,
  Client,
  ClientReadableStream,
  loadPackageDefinition,
  Metadata,
  ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ANNALS_PROTO_OPTIONS, loadAnnalsProtos } from '@annals/contracts/proto/annals-protos';
import { toProtoStruct } from '../../apps/annals/src/grpc/protobuf-json';

export type Unary = (request: object, metadata?: Record<string, string>) => Promise<any>;

/**
 * A real @grpc/grpc-js client of the annals.v1 services, promisified: `unary('TaskQueryService',
 * 'List')` is a function of the request (and extra call metadata), sending the key as a bearer token.
 */
export function grpcClient(address: string, key: string | undefined) {
  const loaded = loadPackageDefinition(loadAnnalsProtos({ ...ANNALS_PROTO_OPTIONS, arrays: true })) as any;
  const clients = new Map<string, Client>();
  const service = (name: string): any => {
    let client = clients.get(name);
    if (!client) {
      client = new loaded.annals.v1[name](address, ChannelCredentials.createInsecure()) as Client;
      clients.set(name, client);
    }
    return client;
  };
  const metadataOf = (extra: Record<string, string> = {}) => {
    const metadata = new Metadata();
    if (key) metadata.set('authorization', `Bearer ${key}`);
    for (const [name, value] of Object.entries(extra)) metadata.set(name, value);
    return metadata;
  };
  const unary =
    (name: string, method: string): Unary =>
    (request, metadata) =>
      new Promise((resolve, reject) =>
        service(name)[method](
          request,
          metadataOf(metadata),
          (error: ServiceError | null, response: unknown) => (error ? reject(error) : resolve(response)),
        ),
      );
  return {
    unary,
    serverStream: (name: string, method: string, request: object): ClientReadableStream<any> =>
      service(name)[method](request, metadataOf()),
    close: () => clients.forEach((client) => client.close()),
  };
}

/** A CommandService envelope: `data` is the body of the command's REST resource route. */
export const commandEnvelope = (type: string, id: string | undefined, data: object, extra: object = {}) => ({
  type,
  ...(id !== undefined && { id }),
  data: toProtoStruct(data as Record<string, unknown>),
  ...extra,
});

/** The refusal of a call, with its trailing metadata read as the problem it carries. */
export async function refusal(call: Promise<unknown>) {
  const error = (await call.then(
    () => undefined,
    (e: ServiceError) => e,
  )) as ServiceError | undefined;
  if (!error) throw new Error('the call succeeded');
  const text = (name: string) => error.metadata.get(name)[0] as string | undefined;
  const errors = text('annals-problem-errors');
  return {
    code: error.code,
    details: error.details,
    problemCode: text('annals-problem-code'),
    problem: JSON.parse(text('annals-problem') ?? '{}'),
    errors: errors === undefined ? [] : JSON.parse(errors),
  };
}

/**
 * A gRPC answer read as its REST twin's JSON: proto3 leaves unset what REST answers as null, and
 * omits zeros and empty lists, so each REST field is matched against the gRPC value or that default.
 * int64 fields arrive as decimal text and are read back as numbers.
 */
export function asRestAnswer(grpc: unknown, rest: unknown): unknown {
  if (rest === null) return grpc === undefined ? null : grpc;
  if (Array.isArray(rest)) {
    const items = (grpc as unknown[] | undefined) ?? [];
    return items.map((item, i) => asRestAnswer(item, rest[i]));
  }
  if (typeof rest === 'object') {
    const object = (grpc ?? {}) as Record<string, unknown>;
    const keys = new Set([...Object.keys(object), ...Object.keys(rest as object)]);
    return Object.fromEntries(
      [...keys].map((k) => [k, asRestAnswer(object[k], (rest as Record<string, unknown>)[k])]),
    );
  }
  if (typeof rest === 'number') return grpc === undefined ? 0 : Number(grpc);
  if (typeof rest === 'boolean') return grpc ?? false;
  if (typeof rest === 'string') return grpc ?? '';
  return grpc;
}

/** The services a server lists through gRPC server reflection (v1), as a tool like grpcurl sees them. */
export async function reflectedServices(address: string): Promise<string[]> {
  const reflectionDir = join(require.resolve('@grpc/reflection'), '..', '..', 'proto');
  const loaded = loadPackageDefinition(
    loadSync('grpc/reflection/v1/reflection.proto', { includeDirs: [reflectionDir] }),
  ) as any;
  const client = new loaded.grpc.reflection.v1.ServerReflection(address, ChannelCredentials.createInsecure());
  try {
    const call = client.ServerReflectionInfo();
    const response = await new Promise<any>((resolve, reject) => {
      call.on('data', resolve);
      call.on('error', reject);
      call.write({ listServices: '' });
    });
    call.end();
    return response.listServicesResponse.service.map((service: { name: string }) => service.name);
  } finally {
    client.close();
  }
}
