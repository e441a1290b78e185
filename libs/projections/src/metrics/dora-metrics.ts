import { ReadConsistency } from '../engine/read-consistency';
import { ConsistentReads } from '../queries/consistent-reads';
import { ConsistencyRequest, Served } from '../queries/list-request';
import { changeFailureRate, deploymentFrequency, DoraMetrics, DoraScope, windowDays } from './dora';
import { DoraRepository } from './dora.repository';

/** The projections DORA metrics read: lead time needs each carried task's completion time. */
export const DORA_QUERY_PROJECTIONS = ['deployments', 'tasks'] as const;

/** The four DORA metrics of one service in one environment over a window. */
export class DoraMetricsQueries {
  private readonly reads: ConsistentReads;

  constructor(
    private readonly repository: DoraRepository,
    consistency: ReadConsistency,
    defaultWaitMs: number,
  ) {
    this.reads = new ConsistentReads(consistency, DORA_QUERY_PROJECTIONS, defaultWaitMs);
  }

  metrics(scope: DoraScope, wait: ConsistencyRequest): Promise<Served<DoraMetrics>> {
    return this.reads.serve(wait, () => this.read(scope));
  }

  private async read(scope: DoraScope): Promise<DoraMetrics> {
    const [frequency, leadTime, failures, restore] = await this.repository.snapshot(
      async (repository) =>
        [
          await repository.frequency(scope),
          await repository.leadTime(scope),
          await repository.failures(scope),
          await repository.timeToRestore(scope),
        ] as const,
    );
    return {
      service: scope.service,
      environment: scope.environment,
      workflowId: scope.workflowId ?? null,
      from: scope.from.toISOString(),
      to: scope.to.toISOString(),
      windowDays: windowDays(scope),
      deploymentFrequency: deploymentFrequency(frequency, scope),
      leadTimeForChanges: leadTime,
      changeFailureRate: changeFailureRate(failures),
      timeToRestore: restore,
    };
  }
}
