import { Injectable, OnModuleInit } from '@nestjs/common';
import { ApiKeys } from '@annals/platform/auth/api-keys';

export interface AdminKeySettings {
  /** ANNALS_ADMIN_KEY, when set. */
  readonly configured: string | undefined;
  /** Where a generated key is shown: stdout, never the logger (logs are shipped and kept). */
  readonly print: (text: string) => void;
}

/** Before the first request: an admin can always get in (docs/security.md, "The first key"). */
@Injectable()
export class AdminKeyBootstrap implements OnModuleInit {
  constructor(
    private readonly keys: ApiKeys,
    private readonly settings: AdminKeySettings,
  ) {}

  async onModuleInit(): Promise<void> {
    const token = await this.keys.ensureAdminKey(this.settings.configured);
    if (token === undefined) return;
    this.settings.print(
      [
        '',
        'No API key existed, so Annals created an admin key. It is shown this once and stored only as a hash:',
        '',
        `    ${token}`,
        '',
        'Send it as "Authorization: Bearer <key>"; create narrower keys with POST /v1/keys or `annals keys create`.',
        '',
      ].join('\n'),
    );
  }
}
