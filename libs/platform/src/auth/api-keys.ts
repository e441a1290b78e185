import { Kysely } from 'kysely';
import { CursorKey, decodeCursor, Page, pageOf, SortOrder } from '@annals/projections/queries/cursor';
import { ApiKeyRole, generateApiKey, hashSecret, parseApiKey, secretMatches } from './api-key';
import { ApiKeyRepository, ApiKeyRow, ApiKeysDB } from './api-key.repository';

/** A key as listed: never its secret nor its hash. */
export interface ApiKeyView {
  readonly id: string;
  readonly name: string;
  readonly role: ApiKeyRole;
  readonly workflowId: string | null;
  readonly status: 'active' | 'revoked' | 'expired';
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

export interface CreateApiKey {
  readonly name: string;
  readonly role: ApiKeyRole;
  readonly workflowId?: string;
  readonly expiresAt?: Date;
}

/** A key that proved its secret and is neither revoked nor expired. */
export interface VerifiedApiKey {
  readonly id: string;
  readonly role: ApiKeyRole;
  readonly workflowId: string | undefined;
}

export type KeyRefusal = 'malformed' | 'unknown' | 'revoked' | 'expired';

export class KeyRefused extends Error {
  constructor(readonly reason: KeyRefusal) {
    // Never the key itself: messages end up in logs and responses.
    super(
      {
        malformed: 'The API key is not in the format ank_<id>_<secret>',
        unknown: 'The API key is not known',
        revoked: 'The API key has been revoked',
        expired: 'The API key has expired',
      }[reason],
    );
    this.name = 'KeyRefused';
  }
}

export interface ApiKeysOptions {
  /** How long a key row read from the database is reused; 0 reads it on every verification. */
  readonly cacheMs?: number;
  readonly clock?: () => Date;
}

const BY_CREATION: SortOrder = { name: 'createdAt', column: 'created_at', descending: false };
/** Bounds the cache: keys are few, but ids presented by callers are not. */
const MAX_CACHED_KEYS = 10_000;

/**
 * Creating, listing, revoking and verifying API keys; shared by the service (REST, gRPC) and the CLI.
 *
 * Verification caches the key's row (not the verdict) for `cacheMs`: the secret is compared and
 * revocation and expiry are checked on every call against the cached row, so a revocation through this
 * process takes effect at once, and one through another process (or the CLI) within `cacheMs`.
 */
export class ApiKeys {
  private readonly repository: ApiKeyRepository;
  private readonly cache = new Map<string, { row: ApiKeyRow; readAt: number }>();
  private readonly clock: () => Date;

  constructor(
    db: Kysely<any>,
    private readonly options: ApiKeysOptions = {},
  ) {
    this.repository = new ApiKeyRepository(db as Kysely<ApiKeysDB>);
    this.clock = options.clock ?? (() => new Date());
  }

  /** The new key and, once only, its token. */
  async create(input: CreateApiKey): Promise<{ key: ApiKeyView; token: string }> {
    const generated = generateApiKey();
    const row = await this.repository.insert({
      ...input,
      id: generated.id,
      secretHash: generated.secretHash,
    });
    return { key: this.view(row), token: generated.token };
  }

  async list(limit: number, cursor?: string): Promise<Page<ApiKeyView>> {
    const after: CursorKey | undefined = cursor === undefined ? undefined : decodeCursor(cursor, BY_CREATION);
    const rows = await this.repository.list(BY_CREATION, limit + 1, after);
    return pageOf(rows, limit, BY_CREATION, (row) => this.view(row));
  }

  async get(id: string): Promise<ApiKeyView | undefined> {
    const row = await this.repository.findById(id);
    return row && this.view(row);
  }

  /** Revoked keys stay listed; revoking twice keeps the first time. */
  async revoke(id: string): Promise<ApiKeyView | undefined> {
    const row = await this.repository.revoke(id);
    this.cache.delete(id);
    return row && this.view(row);
  }

  /** The key behind a token, or KeyRefused. The secret is checked before revocation and expiry are told. */
  async verify(token: string): Promise<VerifiedApiKey> {
    const parsed = parseApiKey(token);
    if (parsed === undefined) throw new KeyRefused('malformed');
    const row = await this.row(parsed.id);
    if (row === undefined || !secretMatches(parsed.secret, row.secret_hash)) throw new KeyRefused('unknown');
    const status = this.statusOf(row);
    if (status !== 'active') throw new KeyRefused(status);
    if (row.last_used_at === null || this.clock().getTime() - row.last_used_at.getTime() > 60_000) {
      row.last_used_at = this.clock();
      await this.repository.touch(row.id);
    }
    return { id: row.id, role: row.role, workflowId: row.workflow_id ?? undefined };
  }

  /**
   * Makes sure an admin can get in. With a configured admin key: stores it (once) and returns nothing.
   * Without: when no key exists at all, creates an admin key and returns its token, to be shown once;
   * processes starting together agree on a single key.
   */
  async ensureAdminKey(configured: string | undefined): Promise<string | undefined> {
    if (configured !== undefined) {
      const parsed = parseApiKey(configured);
      if (parsed === undefined) throw new Error('ANNALS_ADMIN_KEY is not an API key');
      const generated = { id: parsed.id, secretHash: hashSecret(parsed.secret) };
      const row = await this.repository.insertOrGet({
        ...generated,
        name: 'admin (ANNALS_ADMIN_KEY)',
        role: 'admin',
      });
      if (!secretMatches(parsed.secret, row.secret_hash)) {
        throw new Error(`ANNALS_ADMIN_KEY has the id ${parsed.id} of a stored key with another secret`);
      }
      return undefined;
    }
    const generated = generateApiKey();
    const created = await this.repository.insertIfNone({
      id: generated.id,
      secretHash: generated.secretHash,
      name: 'admin (first start)',
      role: 'admin',
    });
    return created ? generated.token : undefined;
  }

  private async row(id: string): Promise<ApiKeyRow | undefined> {
    const now = Date.now();
    const cached = this.cache.get(id);
    const cacheMs = this.options.cacheMs ?? 0;
    if (cached && now - cached.readAt < cacheMs) return cached.row;
    const row = await this.repository.findById(id);
    if (row === undefined || cacheMs === 0) return row;
    if (this.cache.size >= MAX_CACHED_KEYS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, { row, readAt: now });
    return row;
  }

  private statusOf(row: ApiKeyRow): ApiKeyView['status'] {
    if (row.revoked_at !== null) return 'revoked';
    if (row.expires_at !== null && row.expires_at.getTime() <= this.clock().getTime()) return 'expired';
    return 'active';
  }

  private view(row: ApiKeyRow): ApiKeyView {
    return {
      id: row.id,
      name: row.name,
      role: row.role,
      workflowId: row.workflow_id,
      status: this.statusOf(row),
      createdAt: row.created_at.toISOString(),
      expiresAt: row.expires_at?.toISOString() ?? null,
      revokedAt: row.revoked_at?.toISOString() ?? null,
      lastUsedAt: row.last_used_at?.toISOString() ?? null,
    };
  }
}
