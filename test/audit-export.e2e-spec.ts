import { BundleHeader, VerificationRepository, verifyBundle } from '@annals/event-store';
import { startTestApp, TestApp } from './support/test-app';

const SEAL_EVERY = 4;
const EVENTS = 12;

describe('GET /v1/audit/export', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ ANNALS_SEAL_EVERY_EVENTS: String(SEAL_EVERY) });
    for (let append = 0; append < EVENTS / SEAL_EVERY; append++) {
      const events = Array.from({ length: SEAL_EVERY }, (_, i) => ({
        type: 'ReadingTaken',
        data: { append, i },
      }));
      const res = await t.request('POST', `/v1/streams/ext-meter-${append % 2}/events`, { body: { events } });
      expect(res.status).toBe(201);
    }
    await sealedUpTo(EVENTS);
  });
  afterAll(async () => t?.close());

  async function sealedUpTo(position: number): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const covering = await new VerificationRepository(t.runtime.db).seals(position, position);
      if (covering.length > 0) return;
      if (Date.now() > deadline) throw new Error(`no seal reached ${position}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('streams the whole ledger as NDJSON that verifies offline with the service’s public key', async () => {
    const res = await t.request('GET', '/v1/audit/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="annals-audit-1-${EVENTS}.ndjson"`,
    );
    const text = res.body as string;
    expect((JSON.parse(text.split('\n')[0]) as BundleHeader).keys.map((k) => k.keyId)).toEqual([
      t.sealKey.keyId,
    ]);
    const report = await verifyBundle([text], { publicKeys: [t.sealKey.publicKey] });
    expect(report).toMatchObject({ ok: true, from: 1, to: EVENTS, eventsChecked: EVENTS, sealedTo: EVENTS });
    expect(report.sealsChecked).toBeGreaterThan(0);
  });

  it('exports a sub-range, extended to the end of the seal that covers it', async () => {
    const res = await t.request('GET', '/v1/audit/export?from=3&to=5');
    expect(res.status).toBe(200);
    const report = await verifyBundle([res.body as string], { publicKeys: [t.sealKey.publicKey] });
    expect(report.ok).toBe(true);
    expect(report.from).toBe(3);
    expect(report.to).toBeGreaterThanOrEqual(5);
    expect(report.to).toBe(report.sealedTo);
  });

  it.each([
    ['from past the head', `from=${EVENTS + 1}`, 'from', `from 1 to ${EVENTS}`, EVENTS + 1],
    ['to before from', 'from=5&to=4', 'to', `from 5 to ${EVENTS}`, 4],
    ['to past the head', `to=${EVENTS + 5}`, 'to', `from 1 to ${EVENTS}`, EVENTS + 5],
  ])(
    'refuses %s with 400 audit.range_invalid before streaming',
    async (_, query, field, expected, actual) => {
      const res = await t.request('GET', `/v1/audit/export?${query}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        code: 'audit.range_invalid',
        errors: [{ field, code: 'audit.range_invalid', expected, actual }],
      });
    },
  );

  it('refuses a position that is not a whole number >= 1 at validation', async () => {
    const res = await t.request('GET', '/v1/audit/export?from=0');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'from' })]);
  });
});
