// The offline half of audit bundles: reading and verifying needs no database, and loads neither pg nor
// Kysely. The exporter, which reads the ledger, is exported from '@annals/event-store'.
export * from './bundle-format';
export * from './bundle-line.parser';
export * from './bundle-lines';
export * from './bundle-verifier';
export * from './bundle-writer';
