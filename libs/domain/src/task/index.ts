export * from './task.commands';
export * from './task.events';
export * from './task.state';
export * from './task.transitions';
export * from './task.decider';
export * from './task.scope';
export * from './create-task.decider';
