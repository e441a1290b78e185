// A small glob matcher for slash-separated relative paths (`src/api/users.ts`).
//
// - `*` matches any run of characters within one segment (never `/`); `?` matches one such character;
// - `**` as a whole segment matches any number of segments: `a/**/b` matches `a/b` and `a/x/y/b`;
//   a trailing `**` matches everything inside: `a/**` matches `a/b/c`, not `a` itself;
// - `[abc]`, `[a-z]`, `[!a-z]` and `[^a-z]` match one character of (or outside) the class; an
//   unclosed `[` is an ordinary character;
// - matching is case-sensitive and covers the whole path; dot files are not special (`*` matches
//   `.env`), because a change to `.env` under a declared area is still a change to that area.

export type PathPredicate = (path: string) => boolean;

const GLOB_CHARACTERS = /[*?[]/;

export const hasGlobCharacters = (text: string): boolean => GLOB_CHARACTERS.test(text);

export function compileGlob(pattern: string): PathPredicate {
  const regex = new RegExp(`^${patternSource(pattern)}$`);
  return (path) => regex.test(path);
}

export const matchesGlob = (pattern: string, path: string): boolean => compileGlob(pattern)(path);

function patternSource(pattern: string): string {
  const segments = collapseGlobstars(pattern.split('/'));
  let source = '';
  let atSegmentStart = true;
  segments.forEach((segment, index) => {
    const separator = atSegmentStart ? '' : '/';
    const isLast = index === segments.length - 1;
    if (segment === '**' && isLast) {
      source += atSegmentStart ? '.*' : '/.+';
    } else if (segment === '**') {
      source += `${separator}(?:[^/]+/)*`;
      atSegmentStart = true;
    } else {
      source += separator + segmentSource(segment);
      atSegmentStart = false;
    }
  });
  return source;
}

// Consecutive `**` segments mean the same as one.
const collapseGlobstars = (segments: string[]): string[] =>
  segments.filter((segment, index) => !(segment === '**' && segments[index - 1] === '**'));

function segmentSource(segment: string): string {
  let source = '';
  for (let index = 0; index < segment.length; index++) {
    const character = segment[index];
    if (character === '*') {
      while (segment[index + 1] === '*') index++;
      source += '[^/]*';
    } else if (character === '?') {
      source += '[^/]';
    } else if (character === '[') {
      const end = classEnd(segment, index);
      if (end === -1) {
        source += escapeRegex(character);
      } else {
        source += classSource(segment.slice(index + 1, end));
        index = end;
      }
    } else {
      source += escapeRegex(character);
    }
  }
  return source;
}

/** Index of the `]` closing the class opened at `start`; a `]` right after `[`, `[!` or `[^` is a member. */
function classEnd(segment: string, start: number): number {
  let index = start + 1;
  if (segment[index] === '!' || segment[index] === '^') index++;
  if (segment[index] === ']') index++;
  return segment.indexOf(']', index);
}

function classSource(body: string): string {
  const negated = body.startsWith('!') || body.startsWith('^');
  const members = (negated ? body.slice(1) : body).replace(/[\\\]^]/g, (character) => `\\${character}`);
  return negated ? `[^/${members}]` : `[${members}]`;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
