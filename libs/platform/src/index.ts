export * from './config/config';
export * from './database/database';
export * from './database/embedded-postgres';
export * from './database/migrate';
export * from './runtime';
