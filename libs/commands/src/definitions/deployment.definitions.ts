import {
  CommandBodyDto,
  CompleteDeploymentDto,
  FailDeploymentDto,
  RequestDeploymentDto,
  RollBackDeploymentDto,
} from '@annals/contracts';
import { CommandDefinition, singleStreamCommand } from '../command-definition';

export const deploymentCommands: CommandDefinition[] = [
  singleStreamCommand({
    type: 'RequestDeployment',
    aggregate: 'deployment',
    dto: RequestDeploymentDto,
    creates: true,
    summary: 'Request a deployment of a service to an environment, with the tasks it ships',
    toCommand: (deploymentId, data) => ({ ...data, deploymentId }),
  }),
  singleStreamCommand({
    type: 'StartDeployment',
    aggregate: 'deployment',
    dto: CommandBodyDto,
    summary: 'Start a pending deployment',
    toCommand: (deploymentId) => ({ deploymentId }),
  }),
  singleStreamCommand({
    type: 'CompleteDeployment',
    aggregate: 'deployment',
    dto: CompleteDeploymentDto,
    summary: 'Record that a deployment succeeded (from pending or in progress)',
    toCommand: (deploymentId, data) => ({ ...data, deploymentId }),
  }),
  singleStreamCommand({
    type: 'FailDeployment',
    aggregate: 'deployment',
    dto: FailDeploymentDto,
    summary: 'Record that a deployment failed (from pending or in progress)',
    toCommand: (deploymentId, data) => ({ ...data, deploymentId }),
  }),
  singleStreamCommand({
    type: 'RollBackDeployment',
    aggregate: 'deployment',
    dto: RollBackDeploymentDto,
    summary: 'Record that a completed deployment was rolled back',
    toCommand: (deploymentId, data) => ({ ...data, deploymentId }),
  }),
];
