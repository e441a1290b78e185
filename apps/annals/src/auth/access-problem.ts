import { Problem, problem } from '@annals/contracts';
import { AccessDenied } from './access';
import { RateLimited } from './rate-limiter';

/**
 * An access refusal as the problem every transport answers (REST as its status, gRPC as
 * UNAUTHENTICATED, PERMISSION_DENIED or RESOURCE_EXHAUSTED), so that a caller sees the same stable
 * code whichever way it came in. `credentialsGiven` tells a missing key from a bad one.
 * Anything else is not an access refusal: undefined.
 */
export function accessProblem(
  error: unknown,
  credentialsGiven: boolean,
  permission?: string,
): Problem | undefined {
  if (error instanceof RateLimited) {
    return problem(429, 'auth.rate_limited', error.message, { retryAfterSeconds: error.retryAfterSeconds });
  }
  if (!(error instanceof AccessDenied)) return undefined;
  if (error.reason === 'unauthenticated') {
    return problem(401, credentialsGiven ? 'auth.invalid' : 'auth.missing', error.message);
  }
  return problem(403, 'auth.forbidden', error.message, permission === undefined ? {} : { permission });
}
