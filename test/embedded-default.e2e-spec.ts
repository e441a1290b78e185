import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort, isPortFree } from '@annals/platform/database/port-probe';

// The real entry point as `npm start` runs it (built by `npm test` or `npm run build`), with no
// DATABASE_URL: the default a first-time user gets.
const ROOT = resolve(__dirname, '..');
const MAIN = join(ROOT, 'dist', 'apps', 'annals', 'src', 'main.js');
const READY_TIMEOUT_MS = 60_000;
const EXIT_TIMEOUT_MS = 15_000;
const POLL_MS = 250;

interface Ports {
  readonly http: number;
  readonly grpc: number;
  readonly embeddedPostgres: number;
}

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

interface Service {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  readonly exited: Promise<Exit>;
  /** stdout and stderr so far, for failure messages. */
  output(): string;
  stderr(): string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Empty, and reachable by the `postgres` OS account the embedded server runs as when we are root. */
function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'annals-embedded-'));
  chmodSync(dir, 0o755);
  return dir;
}

async function freePorts(): Promise<Ports> {
  return { http: await findFreePort(), grpc: await findFreePort(), embeddedPostgres: await findFreePort() };
}

function startService(dataDir: string, ports: Ports): Service {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ANNALS_DATA_DIR: dataDir,
    PORT: String(ports.http),
    GRPC_PORT: String(ports.grpc),
    ANNALS_EMBEDDED_PG_PORT: String(ports.embeddedPostgres),
    LOG_LEVEL: 'warn',
  };
  for (const name of ['DATABASE_URL', 'ANNALS_TEST_SERVER_URL', 'KAFKA_BROKERS']) delete env[name];
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    stderr += chunk;
  });
  const exited = new Promise<Exit>((settle) =>
    child.once('exit', (code, signal) => settle({ code, signal })),
  );
  return {
    child,
    baseUrl: `http://127.0.0.1:${ports.http}`,
    exited,
    output: () => output,
    stderr: () => stderr,
  };
}

const running = (service: Service) => service.child.exitCode === null && service.child.signalCode === null;

/** The admin key a first start prints (docs/security.md): every /v1 request needs a key. */
const PRINTED_KEY = /ank_[0-9a-f]{16}_[A-Za-z0-9_-]{43}/g;
let adminKey: string | undefined;

async function request(service: Service, method: string, path: string, body?: unknown) {
  const response = await fetch(`${service.baseUrl}${path}`, {
    method,
    headers: {
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(adminKey !== undefined && { authorization: `Bearer ${adminKey}` }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** Until /health/ready answers 200 from the embedded database; fails early, with the output, if the process ends. */
async function waitUntilReady(service: Service): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!running(service)) throw new Error(`the service exited while starting:\n${service.output()}`);
    try {
      const ready = await request(service, 'GET', '/health/ready');
      if (ready.status === 200 && ready.body?.info?.database?.embedded === true) return;
      last = `${ready.status} ${JSON.stringify(ready.body)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(POLL_MS);
  }
  throw new Error(`not ready within ${READY_TIMEOUT_MS} ms (last answer: ${last}):\n${service.output()}`);
}

/** The exit, or undefined when the process is still running after `ms`. */
async function exitWithin(service: Service, ms: number): Promise<Exit | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((settle) => (timer = setTimeout(() => settle(undefined), ms)));
  try {
    return await Promise.race([service.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const postmasterPidFile = (dataDir: string) => join(dataDir, 'postgres', 'postmaster.pid');

/** Last resort after a service was killed: its embedded PostgreSQL outlives it. */
async function stopOrphanedPostgres(dataDir: string): Promise<void> {
  if (!existsSync(postmasterPidFile(dataDir))) return;
  const pid = Number(readFileSync(postmasterPidFile(dataDir), 'utf8').split('\n', 1)[0]);
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!Number.isSafeInteger(pid) || pid <= 0 || !alive()) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + EXIT_TIMEOUT_MS;
  while (alive() && Date.now() < deadline) await sleep(100);
  if (alive()) process.kill(pid, 'SIGKILL');
}

describe('the service with its embedded PostgreSQL (no DATABASE_URL)', () => {
  const services: Service[] = [];
  const dataDirs: string[] = [];
  let dataDir: string;
  let ports: Ports;
  let first: Service;

  const start = (dir: string, on: Ports) => {
    const service = startService(dir, on);
    services.push(service);
    return service;
  };

  beforeAll(async () => {
    expect(existsSync(MAIN)).toBe(true);
    dataDir = freshDataDir();
    dataDirs.push(dataDir);
    ports = await freePorts();
    first = start(dataDir, ports);
    await waitUntilReady(first);
    const printed = first.output().match(PRINTED_KEY);
    expect(printed).toHaveLength(1);
    adminKey = printed![0];
  }, READY_TIMEOUT_MS + 10_000);

  afterAll(async () => {
    for (const service of services.filter(running)) {
      service.child.kill('SIGTERM');
      if (!(await exitWithin(service, EXIT_TIMEOUT_MS))) {
        service.child.kill('SIGKILL');
        await service.exited;
      }
    }
    for (const dir of dataDirs) {
      await stopOrphanedPostgres(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 3 * EXIT_TIMEOUT_MS);

  it(
    'refuses a second instance on the same embedded PostgreSQL port: it exits non-zero and names the port',
    async () => {
      const otherDir = freshDataDir();
      dataDirs.push(otherDir);
      const { http, grpc } = await freePorts();
      const second = start(otherDir, { http, grpc, embeddedPostgres: ports.embeddedPostgres });

      const exit = await exitWithin(second, READY_TIMEOUT_MS);
      expect(exit?.signal).toBeNull();
      expect(exit?.code).toBeGreaterThan(0);
      expect(second.stderr()).toMatch(new RegExp(`port ${ports.embeddedPostgres}\\b[^\\n]*in use`));
      expect((await request(first, 'GET', '/health/ready')).status).toBe(200);
    },
    READY_TIMEOUT_MS + 10_000,
  );

  it(
    'keeps an appended event across a graceful restart, same position and hash, and the ledger verifies',
    async () => {
      const appended = await request(first, 'POST', '/v1/streams/ext-persist-1/events', {
        events: [{ type: 'Noted', data: { n: 1 } }],
      });
      expect(appended.status).toBe(201);
      const before = await request(first, 'GET', '/v1/streams/ext-persist-1/events');
      expect(before.body.items).toEqual([
        expect.objectContaining({ position: appended.body.position, type: 'Noted', data: { n: 1 } }),
      ]);

      first.child.kill('SIGTERM');
      const exit = await exitWithin(first, EXIT_TIMEOUT_MS);
      expect(exit).toBeDefined();
      // Nest re-raises the signal once it has shut down.
      expect([0, 'SIGTERM']).toContain(exit!.code ?? exit!.signal);
      // Shut down, not killed: the embedded server stopped with it.
      expect(existsSync(postmasterPidFile(dataDir))).toBe(false);
      expect(await isPortFree(ports.embeddedPostgres)).toBe(true);

      const restarted = start(dataDir, ports);
      await waitUntilReady(restarted);
      // The first key is created once: a restart prints none, and the printed one still works.
      expect(restarted.output()).not.toMatch(PRINTED_KEY);
      const after = await request(restarted, 'GET', '/v1/streams/ext-persist-1/events');
      expect(after.body).toEqual(before.body);
      const verify = await request(restarted, 'GET', '/v1/audit/verify');
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({ ok: true, eventsChecked: 1 });
    },
    EXIT_TIMEOUT_MS + READY_TIMEOUT_MS + 10_000,
  );
});
