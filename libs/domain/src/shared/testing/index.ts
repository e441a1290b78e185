export * from './decider-spec';
export * from './entity-fixtures';
export * from './test-clock';
export * from './thrown';
