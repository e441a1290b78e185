import { QUERY_ROUTES } from './routes';

const samples = {
  workflow: ['w-1', 'w-2'],
  task: ['t-1', 't 2'],
  decision: ['d-1'],
  deployment: ['p-1'],
  snapshot: [],
};
const route = (name: string) => QUERY_ROUTES.find((r) => r.name === name)!;

describe('QUERY_ROUTES', () => {
  it('covers the main lists, details and metrics the issue names, each once', () => {
    const names = QUERY_ROUTES.map((r) => r.name);

    expect(new Set(names).size).toBe(names.length);
    expect(QUERY_ROUTES.filter((r) => r.kind === 'detail').map((r) => r.name)).toEqual([
      'GET /v1/tasks/{id}',
      'GET /v1/workflows/{id}',
      'GET /v1/decisions/{id}',
      'GET /v1/deployments/{id}',
    ]);
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /v1/tasks',
        'GET /v1/workflows',
        'GET /v1/decisions',
        'GET /v1/deployments',
        'GET /v1/activity',
        'GET /v1/metrics/flow',
      ]),
    );
    expect(names.some((n) => n.startsWith('GET /v1/metrics/dora?service='))).toBe(true);
  });

  it('spreads detail requests over the sampled ids, encoded for the path', () => {
    const detail = route('GET /v1/tasks/{id}');

    expect([0, 1, 2].map((i) => detail.path(samples, i))).toEqual([
      '/v1/tasks/t-1',
      '/v1/tasks/t%202',
      '/v1/tasks/t-1',
    ]);
  });

  it('names a filtered list by its query, with placeholders for the sampled ids', () => {
    const byWorkflow = route('GET /v1/tasks?workflowId={workflowId}&sort=-priority&limit=100');

    expect(byWorkflow.path(samples, 1)).toBe('/v1/tasks?workflowId=w-2&sort=-priority&limit=100');
  });

  it('refuses to read a detail of a kind the data set has none of', () => {
    const detail = { ...route('GET /v1/decisions/{id}') };

    expect(() => detail.path({ ...samples, decision: [] }, 0)).toThrow(
      'the data set has no decision to read',
    );
  });
});
