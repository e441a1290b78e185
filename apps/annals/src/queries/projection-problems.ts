import { UnknownProjectionError, VerificationUnavailableError } from '@annals/projections';
import { ApiProblem } from '../http/api-problem.exception';

/**
 * Runs an operation on a named projection, refusing the same way on REST and gRPC: an unknown name
 * is 404 projection.not_found; live tables that cannot be verified (another position or version)
 * are 409, with the live position and version and what was expected.
 */
export async function onProjection<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UnknownProjectionError) {
      throw new ApiProblem(404, 'projection.not_found', error.message, { projection: error.projection });
    }
    if (error instanceof VerificationUnavailableError) {
      const code = error.reason === 'version' ? 'projection.rebuilding' : 'projection.not_at_position';
      throw new ApiProblem(409, code, error.message, { ...error.live, expected: error.expected });
    }
    throw error;
  }
}
