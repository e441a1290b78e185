import { assertNever } from '../shared';
import { DeploymentEvent, DeploymentRequestedData } from './deployment.events';

export type DeploymentStatus = 'pending' | 'in_progress' | 'completed' | 'failed' | 'rolled_back';

/**
 * What may follow each status; everything else is `deployment.invalid_transition`. A publisher may
 * report only the outcome, so pending may go straight to completed or failed.
 */
export const DEPLOYMENT_TRANSITIONS: Readonly<Record<DeploymentStatus, readonly DeploymentStatus[]>> = {
  pending: ['in_progress', 'completed', 'failed'],
  in_progress: ['completed', 'failed'],
  completed: ['rolled_back'],
  failed: [],
  rolled_back: [],
};

export interface NonexistentDeployment {
  readonly status: 'nonexistent';
  readonly lastOccurredAt: null;
}

interface RequestedDeployment {
  readonly deployment: DeploymentRequestedData;
  readonly requestedAt: string;
  readonly startedAt?: string;
  readonly lastOccurredAt: string;
}

export type PendingDeployment = RequestedDeployment & { readonly status: 'pending' };
export type InProgressDeployment = RequestedDeployment & {
  readonly status: 'in_progress';
  readonly startedAt: string;
};
export type CompletedDeployment = RequestedDeployment & {
  readonly status: 'completed';
  readonly completedAt: string;
  readonly url?: string;
};
export type FailedDeployment = RequestedDeployment & {
  readonly status: 'failed';
  readonly failedAt: string;
  readonly error: string;
  readonly logsUrl?: string;
};
export type RolledBackDeployment = Omit<CompletedDeployment, 'status'> & {
  readonly status: 'rolled_back';
  readonly rolledBackAt: string;
  readonly reason: string;
  readonly rollbackDeploymentId?: string;
};

export type ExistingDeployment =
  PendingDeployment | InProgressDeployment | CompletedDeployment | FailedDeployment | RolledBackDeployment;

export type DeploymentState = NonexistentDeployment | ExistingDeployment;

export const initialDeploymentState = (): DeploymentState => ({
  status: 'nonexistent',
  lastOccurredAt: null,
});

/** The fields every existing deployment keeps, whatever its status. */
const requested = (state: ExistingDeployment, occurredAt: string): RequestedDeployment => ({
  deployment: state.deployment,
  requestedAt: state.requestedAt,
  startedAt: state.startedAt,
  lastOccurredAt: occurredAt,
});

export function evolveDeployment(state: DeploymentState, event: DeploymentEvent): DeploymentState {
  const at = event.occurredAt;
  if (event.type === 'DeploymentRequested') {
    return { status: 'pending', deployment: event.data, requestedAt: at, lastOccurredAt: at };
  }
  // Only DeploymentRequested opens a stream; anything else on an empty stream cannot come from `decide`.
  if (state.status === 'nonexistent') return state;
  const base = requested(state, at);
  switch (event.type) {
    case 'DeploymentStarted':
      return { ...base, status: 'in_progress', startedAt: at };
    case 'DeploymentCompleted':
      return { ...base, status: 'completed', completedAt: at, url: event.data.url };
    case 'DeploymentFailed':
      return {
        ...base,
        status: 'failed',
        failedAt: at,
        error: event.data.error,
        logsUrl: event.data.logsUrl,
      };
    case 'DeploymentRolledBack':
      // `decide` rolls back completed deployments only.
      if (state.status !== 'completed') return state;
      return {
        ...base,
        status: 'rolled_back',
        completedAt: state.completedAt,
        url: state.url,
        rolledBackAt: at,
        reason: event.data.reason,
        rollbackDeploymentId: event.data.rollbackDeploymentId,
      };
    default:
      return assertNever(event);
  }
}
