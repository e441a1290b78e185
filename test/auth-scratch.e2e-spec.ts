import { startTestApp } from './support/test-app';
import { RouteRegistry } from '../apps/annals/src/auth/route-registry';

it('times', async () => {
  const t = await startTestApp();
  try {
    const out: string[] = [];
    for (const { method, url } of t.app.get(RouteRegistry).all()) {
      const path = url.replace(/:streamId/g, 'ext-none').replace(/:[A-Za-z]+/g, 'x1').replace(/\*$/, 'absent.css');
      const start = Date.now(); process.stderr.write(`START ${method} ${url}\n`);
      const r = await t.request(method, path, { body: method === 'GET' ? undefined : {} });
      process.stderr.write(`TIMING ${Date.now() - start}ms ${r.status} ${method} ${url}\n`);
    }
    console.log(out.join('\n'));
  } finally {
    await t.close();
  }
}, 300_000);
