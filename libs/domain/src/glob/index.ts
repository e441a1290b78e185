export * from './glob-matcher';
