import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE } from '@annals/contracts';
import { AccessDenied, Principal } from './access';
import { accessProblem } from './access-problem';
import { ApiKeyAccessControl } from './api-key-access-control';
import { policyOf, RoutePolicy } from './route-policy';
import { RateLimited } from './rate-limiter';
import { RouteRegistry } from './route-registry';
import { WorkflowScope } from './workflow-scope';

export interface AccessHooksOptions {
  readonly access: ApiKeyAccessControl;
  readonly scope: WorkflowScope;
  readonly routes: RouteRegistry;
  readonly docsOpen: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The key behind the request, once the access hook let it through. */
    principal: Principal | null;
    /** What request-metadata.ts records as the actor of the request's events. */
    actor: { id: string; role: string } | null;
  }
}

/**
 * The global guard, as Fastify hooks so that it covers every route, Nest's and raw Fastify ones
 * (/docs) alike. onRequest (before the body is read, so an unauthenticated caller cannot make the
 * server parse 8 MB): the route's policy, the key, its rate limit, its role. preHandler (the body is
 * parsed by then): a restricted key's workflow. A matched route without a policy is refused to
 * everyone; an unmatched URL goes on to the 404 handler.
 */
export function installAccessHooks(fastify: FastifyInstance, options: AccessHooksOptions): void {
  const logger = new Logger('Access');
  fastify.decorateRequest('principal', null);
  fastify.decorateRequest('actor', null);
  fastify.addHook('onRoute', (route) => options.routes.add(route.method, route.url));

  fastify.addHook('onRequest', async (request, reply) => {
    const url = request.routeOptions.url;
    if (url === undefined) return;
    const policy = policyOf(request.method, url);
    try {
      if (policy === undefined) {
        throw new AccessDenied('forbidden', `${request.method} ${url} has no access policy`);
      }
      if (policy.access === 'public' || (policy.access === 'docs' && options.docsOpen)) return;
      const authorization = request.headers.authorization;
      const principal =
        policy.access === 'docs'
          ? await options.access.authenticate(authorization)
          : await options.access.authorize(authorization, policy.access);
      request.principal = principal;
      request.actor = { id: principal.keyId, role: principal.role };
    } catch (error) {
      return refuse(request, reply, error, policy, logger);
    }
  });

  fastify.addHook('preHandler', async (request, reply) => {
    const principal = request.principal;
    if (principal?.workflowId === undefined) return;
    const policy = policyOf(request.method, request.routeOptions.url!);
    try {
      await options.scope.check(principal, policy?.scope, request);
    } catch (error) {
      if (error instanceof AccessDenied) {
        return send(request, reply, 403, 'auth.out_of_scope', error.message, {
          workflowId: principal.workflowId,
        });
      }
      return refuse(request, reply, error, policy, logger);
    }
  });
}

function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  policy: RoutePolicy | undefined,
  logger: Logger,
): FastifyReply {
  if (error instanceof RateLimited) void reply.header('Retry-After', String(error.retryAfterSeconds));
  if (error instanceof AccessDenied && error.reason === 'unauthenticated') {
    void reply.header(
      'WWW-Authenticate',
      request.headers.authorization
        ? 'Bearer realm="annals", error="invalid_token"'
        : 'Bearer realm="annals"',
    );
  }
  if (error instanceof AccessDenied && policy === undefined) {
    return send(request, reply, 403, 'auth.no_policy', error.message);
  }
  const refusal = accessProblem(error, Boolean(request.headers.authorization), policy?.access);
  if (refusal) {
    const { status, code, detail, type: _type, title: _title, ...extensions } = refusal;
    return send(request, reply, status, code, detail ?? '', extensions);
  }
  // A database outage while reading a key: the message and stack only, never a header value.
  logger.error(`${request.method} ${request.routeOptions.url}: ${(error as Error)?.stack ?? String(error)}`);
  return send(request, reply, 500, 'internal', 'An unexpected error occurred; it has been logged');
}

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .status(status)
    .header('Content-Type', PROBLEM_CONTENT_TYPE)
    .send({ ...problem(status, code, detail, extensions), instance: request.url });
}
