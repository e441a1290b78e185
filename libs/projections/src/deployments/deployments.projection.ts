import { Kysely } from 'kysely';
import { foldRows } from '../engine/fold-rows';
import { EnvelopeWithUpcastData, Projection } from '../engine/projection';
import { ReadDB } from '../schema';
import {
  DEPLOYMENT_ROW_EVENTS,
  environmentChanges,
  evolveDeploymentRow,
  touchedEnvironments,
} from './deployment-row';
import { DeploymentsRepository } from './deployments.repository';

/**
 * read.deployments, one row per deployment, and read.environments, the deployment each service
 * runs in each environment now. An environment is recomputed from read.deployments (after the
 * batch's rows are written) whenever a batch completes or rolls back one of its deployments: a
 * rollback makes the previous completed deployment current again, which no event names.
 */
export class DeploymentsProjection implements Projection {
  readonly name = 'deployments';
  readonly version = 1;
  readonly tables = ['deployments', 'environments'];
  readonly handles = DEPLOYMENT_ROW_EVENTS;

  async apply(trx: Kysely<ReadDB>, events: readonly EnvelopeWithUpcastData[]): Promise<void> {
    const repository = new DeploymentsRepository(trx);
    const deploymentId = (event: EnvelopeWithUpcastData): string => event.data.deploymentId;
    const loaded = await repository.load([...new Set(events.map(deploymentId))]);
    const changed = foldRows(loaded, events, deploymentId, evolveDeploymentRow);
    await repository.save(changed);

    const known = new Map([...loaded, ...changed.map((row) => [row.id, row] as const)]);
    const touched = touchedEnvironments(events, known);
    if (touched.size === 0) return;
    const keys = [...touched.values()];
    const [current, stored] = [
      await repository.currentDeployments(keys),
      await repository.loadEnvironments(keys),
    ];
    await repository.saveEnvironments(environmentChanges(touched, current, stored));
  }

  reset(trx: Kysely<ReadDB>): Promise<void> {
    return new DeploymentsRepository(trx).clear();
  }
}
