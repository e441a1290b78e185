import {
  Decider,
  LifeCycle,
  assertNever,
  checkOccurredAt,
  invalid,
  requireTransition,
  toEvent,
} from '../shared';
import {
  DEPLOYMENT_ENVIRONMENT_PATTERN,
  DeploymentCommand,
  RequestDeploymentData,
} from './deployment.commands';
import {
  DeploymentErrorCode,
  deploymentAlreadyExists,
  deploymentInvalidTransition,
  deploymentNotFound,
  selfRollback,
} from './deployment.errors';
import {
  DeploymentCompleted,
  DeploymentEvent,
  DeploymentFailed,
  DeploymentRequested,
  DeploymentRequestedData,
  DeploymentRolledBack,
  DeploymentStarted,
} from './deployment.events';
import {
  DEPLOYMENT_TRANSITIONS,
  DeploymentState,
  DeploymentStatus,
  evolveDeployment,
  initialDeploymentState,
} from './deployment.state';

const DEPLOYMENT_LIFE_CYCLE: LifeCycle<DeploymentStatus> = {
  transitions: DEPLOYMENT_TRANSITIONS,
  notFound: deploymentNotFound,
  invalidTransition: deploymentInvalidTransition,
};

export function decideDeployment(command: DeploymentCommand, state: DeploymentState): DeploymentEvent[] {
  checkOccurredAt(command.metadata.occurredAt, command.metadata.now, state.lastOccurredAt);

  switch (command.type) {
    case 'RequestDeployment':
      return [
        toEvent<DeploymentRequested>('DeploymentRequested', requestDeployment(command.data, state), command),
      ];
    case 'StartDeployment': {
      const { deploymentId } = command.data;
      requireTransition(DEPLOYMENT_LIFE_CYCLE, state, deploymentId, 'in_progress');
      return [toEvent<DeploymentStarted>('DeploymentStarted', { deploymentId }, command)];
    }
    case 'CompleteDeployment': {
      const { deploymentId, url } = command.data;
      requireTransition(DEPLOYMENT_LIFE_CYCLE, state, deploymentId, 'completed');
      return [toEvent<DeploymentCompleted>('DeploymentCompleted', { deploymentId, url }, command)];
    }
    case 'FailDeployment': {
      const { deploymentId, error, logsUrl } = command.data;
      requireTransition(DEPLOYMENT_LIFE_CYCLE, state, deploymentId, 'failed');
      return [toEvent<DeploymentFailed>('DeploymentFailed', { deploymentId, error, logsUrl }, command)];
    }
    case 'RollBackDeployment': {
      const { deploymentId, reason, rollbackDeploymentId } = command.data;
      if (rollbackDeploymentId === deploymentId) throw selfRollback('rollbackDeploymentId', deploymentId);
      requireTransition(DEPLOYMENT_LIFE_CYCLE, state, deploymentId, 'rolled_back');
      const data = { deploymentId, reason, rollbackDeploymentId };
      return [toEvent<DeploymentRolledBack>('DeploymentRolledBack', data, command)];
    }
    default:
      return assertNever(command);
  }
}

export const deploymentDecider: Decider<DeploymentState, DeploymentCommand, DeploymentEvent> = {
  initialState: initialDeploymentState,
  decide: decideDeployment,
  evolve: evolveDeployment,
};

function requestDeployment(data: RequestDeploymentData, state: DeploymentState): DeploymentRequestedData {
  if (!DEPLOYMENT_ENVIRONMENT_PATTERN.test(data.environment)) {
    throw invalid(
      DeploymentErrorCode.InvalidEnvironment,
      'environment must be preview, staging, production or match [a-z0-9][a-z0-9_.-]*',
      { field: 'environment', expected: DEPLOYMENT_ENVIRONMENT_PATTERN.source, actual: data.environment },
    );
  }
  if (data.type === 'rollback' && data.rollbackOf === undefined) {
    throw invalid(
      DeploymentErrorCode.RollbackOfRequired,
      'A rollback deployment must name the deployment it rolls back',
      {
        field: 'rollbackOf',
      },
    );
  }
  if (data.type !== 'rollback' && data.rollbackOf !== undefined) {
    throw invalid(
      DeploymentErrorCode.RollbackOfNotAllowed,
      'Only a deployment of type rollback may name rollbackOf',
      {
        field: 'rollbackOf',
        type: data.type,
      },
    );
  }
  if (data.rollbackOf === data.deploymentId) throw selfRollback('rollbackOf', data.deploymentId);
  if (state.status !== 'nonexistent') throw deploymentAlreadyExists(data.deploymentId);
  // Named field by field so that no stray input reaches the stored event; `toEvent` drops the ones not given.
  return {
    deploymentId: data.deploymentId,
    service: data.service,
    environment: data.environment,
    type: data.type,
    workflowId: data.workflowId,
    branch: data.branch,
    commit: data.commit,
    imageTag: data.imageTag,
    // A task listed twice would count twice in lead time for changes.
    taskIds: [...new Set(data.taskIds ?? [])],
    triggeredBy: data.triggeredBy,
    rollbackOf: data.rollbackOf,
  };
}
