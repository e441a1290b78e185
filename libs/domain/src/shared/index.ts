export * from './decider';
export * from './domain-error';
export * from './entity-errors';
export * from './life-cycle';
export * from './occurred-at';
export * from './json-data';
