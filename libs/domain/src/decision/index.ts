export * from './decision.commands';
export * from './decision.events';
export * from './decision.state';
export * from './decision.errors';
export * from './decision.decider';
export * from './decision.supersession';
