import { ServiceDefinition, ServiceError, status } from '@grpc/grpc-js';
import { sql } from 'kysely';
import { loadAnnalsProtos } from '@annals/contracts/proto/annals-protos';
import { Permission, Role } from '../apps/annals/src/auth/access';
import { ROLE_PERMISSIONS, ROLES } from '../apps/annals/src/auth/permissions';
import { GrpcService } from '../apps/annals/src/grpc/grpc-call';
import { GRPC_PERMISSIONS } from '../apps/annals/src/grpc/grpc-permissions';
import { GRPC_SERVICES } from '../apps/annals/src/grpc/grpc.services';
import { grpcClient } from './support/grpc-client';
import { startTestApp, TestApp } from './support/test-app';

const PACKAGE = 'annals.v1.';

/** Every method of every annals.v1 service, as the .proto files declare it (not as the server serves it). */
const METHODS = Object.entries(loadAnnalsProtos())
  .filter(([name, value]) => name.startsWith(PACKAGE) && !('format' in value))
  .flatMap(([service, value]) =>
    Object.entries(value as ServiceDefinition).map(([method, definition]) => ({
      service,
      method,
      requestStream: definition.requestStream,
      responseStream: definition.responseStream,
    })),
  );

/** What a call answered: OK (a unary response, or a first streamed message) or its status and problem. */
interface Outcome {
  readonly code: status | 'timeout';
  readonly problemCode?: string;
  readonly problem: Record<string, unknown>;
}

const outcomeOf = (error: ServiceError): Outcome => {
  const text = (name: string) => error.metadata?.get(name)[0] as string | undefined;
  return {
    code: error.code,
    problemCode: text('annals-problem-code'),
    problem: JSON.parse(text('annals-problem') ?? '{}') as Record<string, unknown>,
  };
};

/**
 * Answers a key's permission grants, other than a refusal of access: a minimal request may well be
 * invalid or name nothing that exists, but it must reach the handler, and the handler must not fail.
 */
const REFUSED_OR_BROKEN: ReadonlySet<Outcome['code']> = new Set([
  status.UNAUTHENTICATED,
  status.PERMISSION_DENIED,
  status.UNIMPLEMENTED,
  status.INTERNAL,
  status.UNKNOWN,
  'timeout',
]);

/** Long enough for a server-streaming call to deliver its first message or its status. */
const STREAM_TIMEOUT_MS = 10_000;

describe('gRPC: the method x role matrix', () => {
  let t: TestApp;
  const keys = {} as Record<Role, string>;
  let revoked: string;

  beforeAll(async () => {
    t = await startTestApp();
    const create = async (name: string, role: Role) => {
      const response = await t.request('POST', '/v1/keys', { body: { name, role } });
      expect(response.status === 201 ? 'ok' : response.body).toBe('ok');
      return response.body as { key: { id: string }; token: string };
    };
    for (const role of ROLES) keys[role] = (await create(`${role}-grpc`, role)).token;
    // An admin key (every permission) once it is revoked: refused everywhere, like no key at all.
    const doomed = await create('revoked-grpc', 'admin');
    expect((await t.request('DELETE', `/v1/keys/${doomed.key.id}`)).status).toBe(200);
    revoked = doomed.token;
    // One event in the ledger, so that an allowed Subscribe (from position 0) has a first message.
    const seeded = await t.request('POST', '/v1/workflows', { body: { id: 'wf-matrix', name: 'Matrix' } });
    expect(seeded.status === 201 ? 'ok' : seeded.body).toBe('ok');
    expect(seeded.body.position).toBeGreaterThan(0);
  });
  afterAll(async () => t?.close());

  it('declares a permission for every method of every annals.v1 service, and for nothing else', () => {
    expect(METHODS.length).toBeGreaterThan(20);
    const declared = new Set(METHODS.map(({ service, method }) => `${service}/${method}`));
    expect(
      METHODS.map(({ service, method }) => `${service}/${method}`).filter((m) => !GRPC_PERMISSIONS[m]),
    ).toEqual([]);
    expect(Object.keys(GRPC_PERMISSIONS).filter((m) => !declared.has(m))).toEqual([]);
  });

  it('registers a handler for exactly the methods of every service the protos declare', () => {
    const served = GRPC_SERVICES.map((type) => t.app.get<GrpcService>(type, { strict: false })).map(
      (service) => Object.keys(service.handlers()).map((method) => `${service.name}/${method}`),
    );
    expect(served.flat().sort()).toEqual(METHODS.map(({ service, method }) => `${service}/${method}`).sort());
  });

  it("grants each role the issue's permissions", () => {
    const issue: Record<Role, Permission[]> = {
      publisher: ['write'],
      analyst: ['query'],
      auditor: ['query', 'audit'],
      admin: ['write', 'query', 'audit', 'admin'],
    };
    expect(ROLE_PERMISSIONS).toEqual(issue);
    expect([...ROLES].sort()).toEqual(Object.keys(issue).sort());
  });

  it('allows each role exactly the methods its permissions cover; no key, a malformed or a revoked key UNAUTHENTICATED', async () => {
    const callers: ReadonlyArray<{
      readonly name: string;
      readonly key: string | undefined;
      readonly expect: (permission: Permission, outcome: Outcome) => boolean;
    }> = [
      ...ROLES.map((role) => ({
        name: role,
        key: keys[role],
        expect: (permission: Permission, outcome: Outcome) =>
          ROLE_PERMISSIONS[role].includes(permission)
            ? !REFUSED_OR_BROKEN.has(outcome.code)
            : outcome.code === status.PERMISSION_DENIED &&
              outcome.problemCode === 'auth.forbidden' &&
              outcome.problem.permission === permission,
      })),
      { name: 'no key', key: undefined, expect: unauthenticated('auth.missing') },
      { name: 'not a key', key: 'not-a-key', expect: unauthenticated('auth.invalid') },
      {
        name: 'unknown key',
        key: 'ank_0123456789abcdef_' + 'A'.repeat(43),
        expect: unauthenticated('auth.invalid'),
      },
      { name: 'altered key', key: keys.admin.slice(0, -1) + 'x', expect: unauthenticated('auth.invalid') },
      {
        name: 'revoked key',
        key: revoked,
        expect: (permission, outcome) =>
          unauthenticated('auth.invalid')(permission, outcome) &&
          outcome.problem.detail === 'The API key has been revoked',
      },
    ];
    const clients = callers.map(({ key }) => grpcClient(t.grpcAddress!, key));
    const eventsBefore = await eventCount();
    const mismatches: string[] = [];
    let calls = 0;
    try {
      for (const { service, method, requestStream, responseStream } of METHODS) {
        const permission = GRPC_PERMISSIONS[`${service}/${method}`];
        if (permission === undefined) {
          mismatches.push(`${service}/${method}: no permission declared`);
          continue;
        }
        if (requestStream) {
          mismatches.push(`${service}/${method}: client streaming is not covered by this matrix`);
          continue;
        }
        const name = service.slice(PACKAGE.length);
        const outcomes = await Promise.all(
          clients.map((client) =>
            responseStream
              ? firstOfStream(client.serverStream(name, method, {}))
              : unaryOutcome(client.unary(name, method)({})),
          ),
        );
        calls += outcomes.length;
        callers.forEach((caller, index) => {
          const outcome = outcomes[index];
          if (!caller.expect(permission, outcome)) {
            mismatches.push(
              `${caller.name} ${service}/${method} (${permission}): ${String(outcome.code)} ${outcome.problemCode ?? ''} ${JSON.stringify(outcome.problem)}`,
            );
          }
        });
      }
    } finally {
      clients.forEach((client) => client.close());
    }
    expect(mismatches).toEqual([]);
    expect(calls).toBe(METHODS.length * callers.length);
    // The minimal requests that were let through (Execute, Batch, Rebuild...) wrote nothing.
    expect(await eventCount()).toBe(eventsBefore);
  }, 60_000);

  async function eventCount(): Promise<number> {
    const { rows } = await sql<{ count: string }>`select count(*) as count from events`.execute(t.runtime.db);
    return Number(rows[0].count);
  }
});

const unauthenticated =
  (problemCode: 'auth.missing' | 'auth.invalid') =>
  (_permission: Permission, outcome: Outcome): boolean =>
    outcome.code === status.UNAUTHENTICATED && outcome.problemCode === problemCode;

const unaryOutcome = (call: Promise<unknown>): Promise<Outcome> =>
  call.then(
    () => ({ code: status.OK, problem: {} }),
    (error: ServiceError) => outcomeOf(error),
  );

/** A server-streaming call's first message (then cancelled: a live tail never ends by itself) or its status. */
function firstOfStream(stream: ReturnType<ReturnType<typeof grpcClient>['serverStream']>): Promise<Outcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve({ code: 'timeout', problem: {} });
      stream.cancel();
    }, STREAM_TIMEOUT_MS);
    const settle = (outcome: Outcome) => {
      clearTimeout(timer);
      resolve(outcome);
    };
    stream.on('data', () => {
      settle({ code: status.OK, problem: {} });
      stream.cancel();
    });
    // After cancel() the stream ends with CANCELLED: the outcome is already settled, and stays.
    stream.on('error', (error: ServiceError) => settle(outcomeOf(error)));
    stream.on('end', () => settle({ code: status.OK, problem: {} }));
  });
}
