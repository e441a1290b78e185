import { areaMatcher, checkScope } from './task.scope';

describe('task scope', () => {
  describe('areaMatcher', () => {
    const cases: ReadonlyArray<[area: string, path: string, covered: boolean]> = [
      // zone names: any segment of the path
      ['api', 'src/api/users.ts', true],
      ['api', 'api/users.ts', true],
      ['api', 'libs/x/api', true],
      ['api', 'src/apis/users.ts', false],
      ['api', 'src/api.ts', false],
      ['Dockerfile', 'deploy/Dockerfile', true],
      // globs without a slash: any segment, at any depth
      ['*.md', 'README.md', true],
      ['*.md', 'docs/guide/intro.md', true],
      ['*.md', 'docs/guide/intro.mdx', false],
      ['test?', 'libs/test1/a.ts', true],
      // anchored globs: the path or one of its parent directories
      ['src/api/**', 'src/api/users.ts', true],
      ['src/api/**', 'src/api/v1/users.ts', true],
      ['src/api/**', 'lib/src/api/users.ts', false],
      ['src/api/**', 'src/apiary/users.ts', false],
      ['src/api', 'src/api/users.ts', true],
      ['src/api/', 'src/api/users.ts', true],
      ['docs/?.txt', 'docs/a.txt', true],
      ['docs/?.txt', 'docs/ab.txt', false],
      ['docs/?.txt', 'more/docs/a.txt', false],
      ['src/**/*.spec.ts', 'src/a/b/c.spec.ts', true],
      ['src/**/*.spec.ts', 'src/a/b/c.ts', false],
      ['libs/[a-d]*/**', 'libs/domain/x.ts', true],
      ['libs/[a-d]*/**', 'libs/platform/x.ts', false],
      // leading ./ and / are ignored
      ['./src/**', 'src/a.ts', true],
      ['/src/**', './src/a.ts', true],
    ];

    it.each(cases)('area %s covers %s: %s', (area, path, expected) => {
      expect(areaMatcher(area)(path)).toBe(expected);
    });
  });

  describe('checkScope', () => {
    const files = (added: string[], modified: string[] = [], deleted: string[] = []) => ({
      added,
      modified,
      deleted,
    });

    it('matches when every changed file lies in a declared area', () => {
      expect(checkScope(['src/api/**', 'docs'], files(['src/api/a.ts'], ['docs/api.md']))).toEqual({
        scopeMatch: true,
        unexpectedFiles: [],
      });
    });

    it('lists added, modified and deleted files outside every area, each once, in order', () => {
      const changed = files(
        ['src/api/a.ts', 'package.json'],
        ['README.md', 'package.json'],
        ['scripts/old.sh'],
      );

      expect(checkScope(['src/api/**'], changed)).toEqual({
        scopeMatch: false,
        unexpectedFiles: ['package.json', 'README.md', 'scripts/old.sh'],
      });
    });

    it('treats a task without declared areas as matching, since it claimed no scope', () => {
      expect(checkScope([], files(['anything.ts']))).toEqual({ scopeMatch: true, unexpectedFiles: [] });
    });

    it('matches when nothing changed', () => {
      expect(checkScope(['api'], files([]))).toEqual({ scopeMatch: true, unexpectedFiles: [] });
    });
  });
});
