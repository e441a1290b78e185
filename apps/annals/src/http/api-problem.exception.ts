import { Problem, problem } from '@annals/contracts';

/** A refusal decided at the edge (a reserved stream, a bad header) with its own status and code. */
export class ApiProblem extends Error {
  readonly problem: Problem;
  constructor(status: number, code: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(detail);
    this.name = 'ApiProblem';
    this.problem = problem(status, code, detail, extensions);
  }
}
