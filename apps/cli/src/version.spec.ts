import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageVersion } from './version';

describe('packageVersion', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'annals-version-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads the nearest package.json above the directory, however deep (src/ and dist/ alike)', () => {
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'annals', version: '4.5.6' }));
    const deep = join(root, 'dist', 'apps', 'cli', 'src');
    mkdirSync(deep, { recursive: true });

    expect(packageVersion(deep)).toBe('4.5.6');
  });

  it('says unknown when the package.json has no version', () => {
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'annals' }));
    expect(packageVersion(root)).toBe('unknown');
  });
});
