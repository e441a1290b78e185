import { policyOf } from './route-policy';

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
}

/** Every route the HTTP server registered (Nest's and raw Fastify ones such as /docs), as Fastify saw them. */
export class RouteRegistry {
  private readonly routes: RegisteredRoute[] = [];

  add(methods: string | readonly string[], url: string): void {
    for (const method of typeof methods === 'string' ? [methods] : methods) {
      // Fastify adds HEAD for every GET; it follows the GET's policy.
      if (method !== 'HEAD') this.routes.push({ method, url });
    }
  }

  all(): readonly RegisteredRoute[] {
    return this.routes;
  }

  /** Routes nobody may call because the policy table does not list them. */
  unlisted(): RegisteredRoute[] {
    return this.routes.filter(({ method, url }) => policyOf(method, url) === undefined);
  }
}
