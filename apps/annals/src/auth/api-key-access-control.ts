import { ApiKeys, KeyRefused } from '@annals/platform/auth/api-keys';
import { AccessControl, AccessDenied, Permission, Principal } from './access';
import { ROLE_PERMISSIONS, roleGrants } from './permissions';
import { RateLimiter } from './rate-limiter';

/** Longer than any key: an oversized header is refused before it is parsed or hashed. */
const MAX_AUTHORIZATION_LENGTH = 256;
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The credentials of `Bearer <credentials>` (scheme in any case), or undefined for anything else. */
export function bearerToken(authorization: string): string | undefined {
  return authorization.length <= MAX_AUTHORIZATION_LENGTH ? BEARER.exec(authorization)?.[1] : undefined;
}

/**
 * API keys behind the access-control contract, for every transport: `Bearer <key>` -> the key's
 * principal, its rate limit taken, and its role checked against the permission.
 */
export class ApiKeyAccessControl extends AccessControl {
  constructor(
    private readonly keys: ApiKeys,
    private readonly limiter: RateLimiter,
  ) {
    super();
  }

  async authorize(authorization: string | undefined, permission: Permission): Promise<Principal> {
    const principal = await this.authenticate(authorization);
    if (!roleGrants(principal.role, permission)) {
      throw new AccessDenied(
        'forbidden',
        `This route needs the permission ${permission}; the role ${principal.role} grants ${ROLE_PERMISSIONS[principal.role].join(', ')}`,
      );
    }
    return principal;
  }

  /** Any valid key, whatever its role (the OpenAPI document when it is not open); also rate limited. */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (authorization === undefined || authorization === '') {
      throw new AccessDenied('unauthenticated', 'Send an API key as Authorization: Bearer <key>');
    }
    const token = bearerToken(authorization);
    if (token === undefined) {
      throw new AccessDenied('unauthenticated', 'The Authorization header must be Bearer <key>');
    }
    let key;
    try {
      key = await this.keys.verify(token);
    } catch (error) {
      if (error instanceof KeyRefused) throw new AccessDenied('unauthenticated', error.message);
      throw error;
    }
    this.limiter.take(key.id);
    return {
      keyId: key.id,
      role: key.role,
      ...(key.workflowId !== undefined && { workflowId: key.workflowId }),
    };
  }
}
