export * from './snapshot.commands';
export * from './snapshot.events';
export * from './snapshot.state';
export * from './snapshot.errors';
export * from './snapshot.decider';
export * from './snapshot.diff';
