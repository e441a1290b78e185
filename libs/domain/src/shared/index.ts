export * from './decider';
export * from './domain-error';
export * from './occurred-at';
export * from './json-data';
