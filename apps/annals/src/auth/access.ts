/**
 * Who may do what. Every route (REST, SSE, gRPC) needs one permission; a role grants a set of them.
 * The same table serves every transport, so a role means the same thing everywhere.
 */
export type Role = 'publisher' | 'analyst' | 'auditor' | 'admin';

export type Permission =
  /** commands and extension-stream appends */
  | 'write'
  /** read tables, metrics, catalog, the live tail */
  | 'query'
  /** entity history, state as of a time, the ledger, audit routes, exports */
  | 'audit'
  /** keys, projection rebuilds */
  | 'admin';

/** The caller behind a request: an API key, or the configured identity of a service such as Kafka ingest. */
export interface Principal {
  readonly keyId: string;
  readonly role: Role;
  /** When set, the key may only touch this workflow's entities. */
  readonly workflowId?: string;
}

export class AccessDenied extends Error {
  constructor(
    /** unauthenticated: no key, unknown, revoked or expired; forbidden: a valid key without the permission. */
    readonly reason: 'unauthenticated' | 'forbidden',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks a request's credentials. REST, SSE and gRPC all call it with the raw `authorization`
 * value (`Bearer <key>`); it resolves the principal or throws AccessDenied.
 */
export abstract class AccessControl {
  abstract authorize(authorization: string | undefined, permission: Permission): Promise<Principal>;
}
