import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
  type EmbeddedPostgresOptions,
} from './embedded-postgres';
import { findFreePort, isPortFree } from './port-probe';

// initdb and crash recovery take seconds, more on a loaded two-core CI machine.
jest.setTimeout(120_000);

const asRoot = process.getuid?.() === 0;

async function query<Row>(url: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Row[];
  } finally {
    await client.end();
  }
}

function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

async function waitUntilGone(pid: number): Promise<void> {
  while (!processIsGone(pid)) await delay(50);
}

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('startEmbeddedPostgres', () => {
  let dataDir: string;
  let pgData: string;
  let port: number;
  const started: EmbeddedPostgresHandle[] = [];

  async function start(overrides: Partial<EmbeddedPostgresOptions> = {}): Promise<EmbeddedPostgresHandle> {
    const handle = await startEmbeddedPostgres({ dataDir, port, ...overrides });
    started.push(handle);
    return handle;
  }

  async function postmasterPid(): Promise<number> {
    return Number((await readFile(join(pgData, 'postmaster.pid'), 'utf8')).split('\n', 1)[0]);
  }

  beforeAll(async () => {
    const tempDir = await mkdtemp(join(tmpdir(), 'annals-embedded-pg-'));
    // mkdtemp makes it 0700; as root the server runs as `postgres`, which must get through.
    await chmod(tempDir, 0o755);
    dataDir = join(tempDir, 'data');
    pgData = join(dataDir, 'postgres');
    port = await findFreePort();
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((handle) => handle.stop()));
  });

  afterAll(async () => {
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('initialises a cluster on first start and serves the database it was asked for', async () => {
    const lines: string[] = [];

    const handle = await start({ log: (line) => lines.push(line) });

    expect(handle.url).toMatch(
      new RegExp(`^postgres://postgres:[0-9a-f]{48}@127\\.0\\.0\\.1:${port}/annals$`),
    );
    expect(await query(handle.url, 'SELECT 1 AS one, current_database() AS db')).toEqual([
      { one: 1, db: 'annals' },
    ]);
    expect(lines).toContainEqual(expect.stringContaining('database system is ready to accept connections'));
    expect((await stat(join(dataDir, 'postgres.password'))).mode & 0o777).toBe(0o600);
  });

  it('keeps the data and the password across a restart on the same directory', async () => {
    const first = await start();
    await query(first.url, 'CREATE TABLE notes (body text NOT NULL)');
    await query(first.url, 'INSERT INTO notes VALUES ($1)', ['kept across restarts']);
    await first.stop();

    const second = await start();

    expect(second.url).toBe(first.url);
    expect(await query(second.url, 'SELECT body FROM notes')).toEqual([{ body: 'kept across restarts' }]);
  });

  it('creates another database on demand', async () => {
    const handle = await start({ database: 'Other DB' });

    expect(handle.url.endsWith('/Other%20DB')).toBe(true);
    expect(await query(handle.url, 'SELECT current_database() AS db')).toEqual([{ db: 'Other DB' }]);
  });

  it('stop() resolves once the server is down and can be called again', async () => {
    const handle = await start();
    const pid = await postmasterPid();

    await handle.stop();

    expect(processIsGone(pid)).toBe(true);
    expect(await isPortFree(port)).toBe(true);
    await expect(handle.stop()).resolves.toBeUndefined();
  });

  it('refuses a port that is taken, saying how to choose another', async () => {
    const squatter = await listenOn(port);
    try {
      await expect(start()).rejects.toThrow(
        `embedded PostgreSQL: port ${port} is already in use; ` +
          'set ANNALS_EMBEDDED_PG_PORT to a free port or DATABASE_URL to use your own server',
      );
    } finally {
      squatter.close();
    }
  });

  it('refuses a directory whose server is still running, naming its PID', async () => {
    await start();
    const pid = await postmasterPid();

    await expect(start({ port: await findFreePort() })).rejects.toThrow(
      `a server (PID ${pid}) is still running on ${pgData}`,
    );
  });

  it('starts again after its previous server was killed, with the data intact', async () => {
    const killed = await start();
    await query(killed.url, 'INSERT INTO notes VALUES ($1)', ['written before the kill']);
    const pid = await postmasterPid();
    process.kill(pid, 'SIGKILL');
    await waitUntilGone(pid);

    const restarted = await start();

    expect(await query(restarted.url, 'SELECT body FROM notes ORDER BY body')).toEqual([
      { body: 'kept across restarts' },
      { body: 'written before the kill' },
    ]);
  });

  it('discards a postmaster.pid whose PID now belongs to an unrelated process of the server account', async () => {
    const owner = await stat(pgData);
    const unrelated = spawn('sleep', ['60'], { uid: owner.uid, gid: owner.gid, stdio: 'ignore' });
    try {
      await writeFile(join(pgData, 'postmaster.pid'), `${unrelated.pid}\n${pgData}\n`);

      const handle = await start();

      expect(await query(handle.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      unrelated.kill();
    }
  });

  (asRoot ? it : it.skip)('as root, names the directory the postgres user cannot get through', async () => {
    const closed = await mkdtemp(join(tmpdir(), 'annals-embedded-pg-closed-'));
    try {
      await mkdir(join(closed, 'data'));

      await expect(start({ dataDir: join(closed, 'data') })).rejects.toThrow(
        `${closed} (mode 700) is not searchable by it`,
      );
    } finally {
      await rm(closed, { recursive: true, force: true });
    }
  });
});
