import { compileGlob, PathPredicate } from '../glob';
import { ChangedFiles } from './task.commands';
import { ScopeCheck } from './task.events';

/**
 * Whether a changed file lies in a declared area. The rules follow .gitignore, which publishers know:
 * - an area without `/` is matched against every segment of the path, directory or file name:
 *   a zone name (`api`) covers any path with a segment `api` (`src/api/users.ts`, `api/x`), and
 *   `*.md` any markdown file at any depth; a bare `Dockerfile` covers the Dockerfile;
 * - an area with `/` is anchored at the repository root and covers what it matches and everything
 *   inside it: `src/api` and `src/api/**` both cover `src/api/users.ts`; `docs/?.txt` covers `docs/a.txt`.
 * A leading `./` or `/` and a trailing `/` are ignored, on areas and paths alike.
 */
export function areaMatcher(area: string): PathPredicate {
  const pattern = normalizePath(area);
  if (!pattern.includes('/')) {
    const matchesSegment = compileGlob(pattern);
    return (path) => normalizePath(path).split('/').some(matchesSegment);
  }
  const matchesPath = compileGlob(pattern);
  return (path) => pathAndParents(normalizePath(path)).some(matchesPath);
}

/**
 * Changed files (added, modified or deleted) outside every declared area, each once, in the order given.
 * A task that declared no areas made no claim to check, so nothing is unexpected.
 */
export function checkScope(areas: readonly string[], files: ChangedFiles): ScopeCheck {
  if (areas.length === 0) return { scopeMatch: true, unexpectedFiles: [] };
  const inScope = areas.map(areaMatcher);
  const changed = [...new Set([...files.added, ...files.modified, ...files.deleted])];
  const unexpectedFiles = changed.filter((path) => !inScope.some((matches) => matches(path)));
  return { scopeMatch: unexpectedFiles.length === 0, unexpectedFiles };
}

const normalizePath = (path: string): string => path.replace(/^(?:\.\/|\/)+/, '').replace(/\/+$/, '');

/** `a/b/c` -> `a`, `a/b`, `a/b/c`. */
const pathAndParents = (path: string): string[] =>
  path.split('/').map((_segment, index, segments) => segments.slice(0, index + 1).join('/'));
