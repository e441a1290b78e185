import { API_KEY_ROLES } from '@annals/platform/auth/api-key';
import { Permission, Role } from './access';

/** What each role may do: the one table behind every transport (docs/security.md). */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  publisher: ['write'],
  analyst: ['query'],
  auditor: ['query', 'audit'],
  admin: ['write', 'query', 'audit', 'admin'],
};

export const ROLES = API_KEY_ROLES satisfies readonly Role[];
export const PERMISSIONS: readonly Permission[] = ['write', 'query', 'audit', 'admin'];

export const roleGrants = (role: Role, permission: Permission): boolean =>
  ROLE_PERMISSIONS[role].includes(permission);
