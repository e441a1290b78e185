export * from './shared';
export * from './glob';
export * from './workflow';
export * from './task';
export * from './decision';
export * from './snapshot';
export * from './deployment';
