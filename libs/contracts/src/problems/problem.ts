/**
 * RFC 9457 problem details, as every REST error is answered (`application/problem+json`).
 * `code` is stable and documented; `errors` lists every invalid field with what was expected and given.
 */
export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly message: string;
  readonly expected?: string;
  readonly actual?: unknown;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly FieldProblem[];
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemType = (code: string): string => `urn:annals:problem:${code}`;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(
  status: number,
  code: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): Problem {
  // The problem's own members win: an extension (a domain error's details) can never change the status.
  return { ...extensions, type: problemType(code), title: TITLES[status] ?? 'Error', status, code, detail };
}
