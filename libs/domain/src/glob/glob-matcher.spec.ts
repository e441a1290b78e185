import { compileGlob, hasGlobCharacters, matchesGlob } from './glob-matcher';

describe('glob matcher', () => {
  const cases: ReadonlyArray<[pattern: string, path: string, matches: boolean]> = [
    ['README.md', 'README.md', true],
    ['README.md', 'docs/README.md', false],
    ['README.md', 'READMEXmd', false],
    ['*.md', 'README.md', true],
    ['*.md', 'docs/README.md', false],
    ['*.md', '.md', true],
    ['src/*.ts', 'src/main.ts', true],
    ['src/*.ts', 'src/api/main.ts', false],
    ['src/*', 'src/.env', true],
    ['docs/?.txt', 'docs/a.txt', true],
    ['docs/?.txt', 'docs/ab.txt', false],
    ['docs/?.txt', 'docs/.txt', false],
    ['a?b', 'a/b', false],
    ['src/**', 'src/a.ts', true],
    ['src/**', 'src/api/deep/a.ts', true],
    ['src/**', 'src', false],
    ['src/**', 'srcx/a.ts', false],
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'src/api/v1/a.ts', true],
    ['src/**/*.ts', 'src/api/v1/a.js', false],
    ['**/*.spec.ts', 'a.spec.ts', true],
    ['**/*.spec.ts', 'libs/domain/a.spec.ts', true],
    ['**/test/**', 'test/a.ts', true],
    ['**/test/**', 'libs/x/test/deep/a.ts', true],
    ['**/test/**', 'libs/x/tests/a.ts', false],
    ['a/**/**/b', 'a/b', true],
    ['a/**/**/b', 'a/x/y/b', true],
    ['**', 'anything/at/all', true],
    ['src/a**.ts', 'src/abc.ts', true],
    ['src/a**.ts', 'src/a/b.ts', false],
    ['file[0-9].txt', 'file7.txt', true],
    ['file[0-9].txt', 'filex.txt', false],
    ['file[!0-9].txt', 'filex.txt', true],
    ['file[^0-9].txt', 'file7.txt', false],
    ['[]]x', ']x', true],
    ['[!]]x', 'ax', true],
    ['[!]]x', ']x', false],
    ['a[bc', 'a[bc', true],
    ['(a)+$.ts', '(a)+$.ts', true],
    ['(a)+$.ts', 'aa$.ts', false],
    ['Src/*.ts', 'src/a.ts', false],
  ];

  it.each(cases)('%s against %s is %s', (pattern, path, expected) => {
    expect(matchesGlob(pattern, path)).toBe(expected);
  });

  it('compiles a pattern once into a reusable predicate', () => {
    const isTypeScript = compileGlob('**/*.ts');

    expect(['a.ts', 'b/c.ts', 'b/c.js'].filter(isTypeScript)).toEqual(['a.ts', 'b/c.ts']);
  });

  it.each([
    ['api', false],
    ['docs/guide.md', false],
    ['*.md', true],
    ['docs/?.txt', true],
    ['file[0-9]', true],
  ])('tells whether %s has glob characters (%s)', (text, expected) => {
    expect(hasGlobCharacters(text)).toBe(expected);
  });
});
