import { PassThrough } from 'node:stream';
import { SlowReaderError, SSE_HEARTBEAT, sseEvent, SseWriter } from './sse-writer';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SseWriter', () => {
  it('formats an event as id, event and one data line', () => {
    expect(sseEvent('7', 'TaskCreated', '{"a":1}')).toBe('id: 7\nevent: TaskCreated\ndata: {"a":1}\n\n');
  });

  it('writes heartbeat comments while idle', async () => {
    const out = new PassThrough();
    const writer = new SseWriter(out, { heartbeatMs: 10, drainTimeoutMs: 1000 });
    await sleep(45);
    writer.close();
    const text = out.read()?.toString() ?? '';
    expect(text.split(SSE_HEARTBEAT).length - 1).toBeGreaterThanOrEqual(2);
    expect(text.replaceAll(SSE_HEARTBEAT, '')).toBe('');
  });

  it('waits for a full buffer to drain before taking the next event', async () => {
    const out = new PassThrough({ highWaterMark: 64 });
    const writer = new SseWriter(out, { heartbeatMs: 60_000, drainTimeoutMs: 5000 });
    let written = false;
    const pending = writer.event('1', 'Big', 'x'.repeat(200)).then(() => (written = true));
    await sleep(20);
    expect(written).toBe(false);
    out.resume();
    await pending;
    expect(written).toBe(true);
    writer.close();
  });

  it('drops a reader that takes nothing, instead of buffering for it', async () => {
    const out = new PassThrough({ highWaterMark: 64 });
    const writer = new SseWriter(out, { heartbeatMs: 60_000, drainTimeoutMs: 30 });
    await expect(writer.event('1', 'Big', 'x'.repeat(200))).rejects.toBeInstanceOf(SlowReaderError);
    writer.close();
  });

  it('stops waiting when its signal aborts (disconnect, shutdown)', async () => {
    const out = new PassThrough({ highWaterMark: 64 });
    const writer = new SseWriter(out, { heartbeatMs: 60_000, drainTimeoutMs: 60_000 });
    const controller = new AbortController();
    const pending = writer.event('1', 'Big', 'x'.repeat(200), controller.signal);
    controller.abort();
    await expect(pending).resolves.toBeUndefined();
    writer.close();
    expect(out.writableEnded).toBe(true);
  });
});
