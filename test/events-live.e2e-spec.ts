import { EventsLiveController } from '../apps/annals/src/ledger/events-live.controller';
import { startTestApp, TestApp } from './support/test-app';

interface SseFrame {
  readonly id?: string;
  readonly event?: string;
  readonly data?: any;
  readonly comment?: string;
}

/** A live-tail client over fetch: frames as they arrive, and a way to hang up. */
async function follow(t: TestApp, query: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(`${t.baseUrl}/v1/events/live${query}`, {
    headers: { authorization: `Bearer ${t.adminKey}`, ...headers },
    signal: controller.signal,
  });
  const frames: SseFrame[] = [];
  let ended = false;
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          frames.push(parseFrame(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted by the test
    }
    ended = true;
  })();
  return {
    response,
    frames,
    events: () => frames.filter((f) => f.event !== undefined),
    ended: () => ended,
    reading,
    hangUp: () => controller.abort(),
  };
}

function parseFrame(text: string): SseFrame {
  const frame: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    const match = /^(id|event|data|retry): (.*)$/.exec(line);
    if (match) frame[match[1]] = match[2];
  }
  return { ...frame, ...(frame.data !== undefined && { data: JSON.parse(frame.data) }) };
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('GET /v1/events/live (server-sent events)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await command('/v1/workflows', { id: 'wf-sse', name: 'SSE' });
    await command('/v1/tasks', { id: 't-s1', workflowId: 'wf-sse', name: 'One', goal: 'g', priority: 'low' });
    await command('/v1/tasks/t-s1/start', {});
  });
  afterAll(async () => t.close());

  async function command(path: string, body: object) {
    const response = await t.request('POST', path, { body });
    expect(response.status < 300 ? 'ok' : response.body).toBe('ok');
    return response.body;
  }

  it('catches up from `after`, then streams events appended later, filtered like GET /v1/events', async () => {
    const tail = await follow(t, '?after=0&streamTypes=task');
    expect(tail.response.status).toBe(200);
    expect(tail.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await waitUntil(() => tail.events().length >= 2);
    expect(tail.events().map((f) => [f.event, f.data.streamId])).toEqual([
      ['TaskCreated', 'task-t-s1'],
      ['TaskStarted', 'task-t-s1'],
    ]);
    const live = await command('/v1/tasks', {
      id: 't-s2',
      workflowId: 'wf-sse',
      name: 'Two',
      goal: 'g',
      priority: 'low',
    });
    await waitUntil(() => tail.events().some((f) => f.data.streamId === 'task-t-s2'));
    const last = tail.events().at(-1)!;
    const created = live.events.find((e: { type: string }) => e.type === 'TaskCreated');
    expect(last).toMatchObject({ id: String(created.position), event: 'TaskCreated' });
    expect(last.data).toMatchObject({
      position: Number(last.id),
      streamId: 'task-t-s2',
      type: 'TaskCreated',
    });
    // The workflow's TaskAttached events are filtered out; ids are strictly increasing positions.
    expect(tail.events().every((f) => f.data.streamType === 'task')).toBe(true);
    const ids = tail.events().map((f) => Number(f.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    tail.hangUp();
    await tail.reading;
  });

  it('resumes after Last-Event-ID, which wins over `after`', async () => {
    const { items } = (await t.request('GET', '/v1/events?after=0')).body;
    const resumeAt = items[1].position;
    const tail = await follow(t, '?after=0', { 'Last-Event-ID': String(resumeAt) });
    await waitUntil(() => tail.events().length >= items.length - 2);
    expect(tail.events().map((f) => Number(f.id))).toEqual(
      items.slice(2).map((e: { position: number }) => e.position),
    );
    tail.hangUp();
    await tail.reading;
    const bad = await t.request('GET', '/v1/events/live', { headers: { 'Last-Event-ID': 'abc' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'header.invalid', errors: [{ field: 'Last-Event-ID' }] });
    const filter = await t.request('GET', '/v1/events/live?types=bad%20type');
    expect(filter.status).toBe(400);
  });

  it('ends the server side of a stream when the client disconnects', async () => {
    const live = t.app.get(EventsLiveController);
    const before = live.open;
    const tail = await follow(t, '?after=0');
    await waitUntil(() => tail.events().length > 0);
    expect(live.open).toBe(before + 1);
    tail.hangUp();
    await tail.reading;
    await waitUntil(() => live.open === before);
  });

  it('ends open streams cleanly when the service shuts down', async () => {
    const other = await startTestApp();
    try {
      const tail = await follow(other, '?after=0');
      await waitUntil(() => tail.frames.length > 0);
      const started = Date.now();
      await other.app.close();
      await tail.reading;
      expect(tail.ended()).toBe(true);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await other.runtime.close().catch(() => undefined);
      await other.database.drop();
    }
  });
});
