import {
  DomainError,
  EntityLabel,
  entityAlreadyExists,
  entityNotFound,
  invalid,
  invalidTransition,
} from '../shared';

export const DeploymentErrorCode = {
  NotFound: 'deployment.not_found',
  AlreadyExists: 'deployment.already_exists',
  InvalidTransition: 'deployment.invalid_transition',
  InvalidEnvironment: 'deployment.invalid_environment',
  RollbackOfRequired: 'deployment.rollback_of_required',
  RollbackOfNotAllowed: 'deployment.rollback_of_not_allowed',
  SelfRollback: 'deployment.self_rollback',
} as const;
export type DeploymentErrorCode = (typeof DeploymentErrorCode)[keyof typeof DeploymentErrorCode];

const DEPLOYMENT: EntityLabel = { name: 'Deployment', idField: 'deploymentId' };

export const deploymentNotFound = (deploymentId: string): DomainError =>
  entityNotFound(DeploymentErrorCode.NotFound, DEPLOYMENT, deploymentId);

export const deploymentAlreadyExists = (deploymentId: string): DomainError =>
  entityAlreadyExists(DeploymentErrorCode.AlreadyExists, DEPLOYMENT, deploymentId);

export const deploymentInvalidTransition = (deploymentId: string, from: string, to: string): DomainError =>
  invalidTransition(DeploymentErrorCode.InvalidTransition, DEPLOYMENT, deploymentId, from, to);

export const selfRollback = (
  field: 'rollbackOf' | 'rollbackDeploymentId',
  deploymentId: string,
): DomainError =>
  invalid(DeploymentErrorCode.SelfRollback, `Deployment ${deploymentId} cannot roll itself back`, {
    field,
    deploymentId,
  });
