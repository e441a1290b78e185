import { DomainError, invalid, notFound, ruleBroken } from '../shared';

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

export const deploymentNotFound = (deploymentId: string): DomainError =>
  notFound(DeploymentErrorCode.NotFound, `Deployment ${deploymentId} does not exist`, { deploymentId });

export const deploymentInvalidTransition = (deploymentId: string, from: string, to: string): DomainError =>
  ruleBroken(
    DeploymentErrorCode.InvalidTransition,
    `Deployment ${deploymentId} cannot go from ${from} to ${to}`,
    {
      deploymentId,
      from,
      to,
    },
  );

export const selfRollback = (
  field: 'rollbackOf' | 'rollbackDeploymentId',
  deploymentId: string,
): DomainError =>
  invalid(DeploymentErrorCode.SelfRollback, `Deployment ${deploymentId} cannot roll itself back`, {
    field,
    deploymentId,
  });
