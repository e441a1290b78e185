import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The version in the nearest package.json above `from`. A walk rather than a fixed relative path,
 * because this file runs both from apps/cli/src (tests) and from dist/apps/cli/src (the built CLI).
 */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file))
      return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
    if (dir === dirname(dir)) return 'unknown';
  }
}
