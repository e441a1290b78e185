export * from './workflow.commands';
export * from './workflow.events';
export * from './workflow.state';
export * from './workflow.decider';
