import { TestApp, TestResponse } from './test-app';

/** `path` with one more query parameter (`?` or `&` as the path needs). */
export const withQuery = (path: string, parameter: string): string =>
  `${path}${path.includes('?') ? '&' : '?'}${parameter}`;

/**
 * Commands and reads over REST against one test app. It remembers the highest ledger position a
 * command answered, so that a read can ask for it (read your write) instead of sleeping.
 * Its methods are bound: a spec may destructure them.
 */
export class RestSession {
  /** The highest ledger position a command of this session answered. */
  last = 0;

  /** `app` is read at each call: the app starts in a beforeAll, after the session is made. */
  constructor(private readonly app: () => TestApp) {}

  /** Runs a command, expects it accepted, and remembers its position. */
  readonly command = async (path: string, body: object = {}): Promise<TestResponse> => {
    const response = await this.app().request('POST', path, { body });
    expect(response.status < 300 ? 'ok' : response.body).toBe('ok');
    this.last = Math.max(this.last, response.body.position);
    return response;
  };

  readonly get = (path: string, headers: Record<string, string> = {}): Promise<TestResponse> =>
    this.app().request('GET', path, { headers });

  /** Reads `path` once the projections have reached the last command's position. */
  readonly fresh = (path: string): Promise<TestResponse> =>
    this.get(withQuery(path, `minPosition=${this.last}`));

  /** As `fresh`, and expects the read served (200) at or past that position. */
  readonly freshOk = async (path: string): Promise<TestResponse> => {
    const response = await this.fresh(path);
    expect(response.status === 200 ? 'ok' : response.body).toBe('ok');
    expect(Number(response.headers.get('x-annals-position'))).toBeGreaterThanOrEqual(this.last);
    return response;
  };
}
