import { bearerToken } from './api-key-access-control';
import { PERMISSIONS, ROLE_PERMISSIONS, roleGrants } from './permissions';
import { policyOf, ROUTE_POLICY } from './route-policy';

describe('the route policy table', () => {
  const entries = Object.entries(ROUTE_POLICY);

  it('names a method and a route pattern in every key, and a known access', () => {
    for (const [route, policy] of entries) {
      expect(route).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/[A-Za-z0-9/:_.*-]*$/);
      expect([...PERMISSIONS, 'public', 'docs']).toContain(policy.access);
    }
  });

  it('scopes by path parameters the route has', () => {
    for (const [route, { scope }] of entries) {
      if (scope?.kind === 'workflowParam' || scope?.kind === 'taskParam') {
        expect([route, route.includes(`/:${scope.param}`)]).toEqual([route, true]);
      }
      if (scope?.kind === 'body') expect([route, route.startsWith('GET ')]).toEqual([route, false]);
    }
  });

  it('keeps only /health public and /docs behind the docs switch', () => {
    const open = entries.filter(([, p]) => p.access === 'public' || p.access === 'docs').map(([r]) => r);
    expect(open.every((route) => /^GET \/(health\/|docs)/.test(route))).toBe(true);
  });

  it('finds a route by method and pattern; HEAD follows GET; anything else has no policy', () => {
    expect(policyOf('GET', '/v1/tasks/:id')?.access).toBe('query');
    expect(policyOf('HEAD', '/v1/tasks/:id')?.access).toBe('query');
    expect(policyOf('POST', '/v1/tasks/:id')).toBeUndefined();
    expect(policyOf('GET', '/v1/tasks/t-1')).toBeUndefined();
    expect(policyOf('GET', 'constructor')).toBeUndefined();
    expect(policyOf('GET', '/v1/keys')?.access).toBe('admin');
  });
});

describe('roles', () => {
  it('grant what the issue says, admin everything', () => {
    expect(ROLE_PERMISSIONS).toEqual({
      publisher: ['write'],
      analyst: ['query'],
      auditor: ['query', 'audit'],
      admin: ['write', 'query', 'audit', 'admin'],
    });
    expect(PERMISSIONS.every((p) => roleGrants('admin', p))).toBe(true);
    expect(roleGrants('auditor', 'write')).toBe(false);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['BEARER   abc  ', 'abc'],
    ['Basic abc', undefined],
    ['Bearer', undefined],
    ['Bearer a b', undefined],
    ['abc', undefined],
    [`Bearer ${'a'.repeat(300)}`, undefined],
  ])('%j -> %j', (header, token) => expect(bearerToken(header)).toBe(token));
});
