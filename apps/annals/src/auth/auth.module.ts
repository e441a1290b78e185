import { DynamicModule, Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AnnalsRuntime } from '@annals/platform';
import { ApiKeys } from '@annals/platform/auth/api-keys';
import { AccessControl } from './access';
import { installAccessHooks } from './access.hooks';
import { AdminKeyBootstrap } from './admin-key.bootstrap';
import { ApiKeyAccessControl } from './api-key-access-control';
import { KeysController } from './keys.controller';
import { RateLimiter } from './rate-limiter';
import { RouteRegistry } from './route-registry';
import { WorkflowScope } from './workflow-scope';

export interface AuthOptions {
  readonly runtime: AnnalsRuntime;
  /** Where a first-start admin key is printed; default stdout. */
  readonly print?: (text: string) => void;
}

/**
 * API keys and roles (docs/security.md). Global: the gRPC server and the SSE tail inject
 * AccessControl; the HTTP routes are guarded by hooks installed here, while Nest is still creating
 * the application, so that they see every route as it is registered.
 */
@Module({})
export class AuthModule {
  static forRoot({
    runtime,
    print = (text) => process.stdout.write(`${text}\n`),
  }: AuthOptions): DynamicModule {
    const { auth } = runtime.config;
    return {
      module: AuthModule,
      global: true,
      controllers: [KeysController],
      providers: [
        { provide: ApiKeys, useValue: new ApiKeys(runtime.db, { cacheMs: auth.keyCacheMs }) },
        {
          provide: RateLimiter,
          useValue: new RateLimiter({ perMinute: auth.rateLimitPerMinute, burst: auth.rateLimitBurst }),
        },
        {
          provide: ApiKeyAccessControl,
          useFactory: (keys: ApiKeys, limiter: RateLimiter) => new ApiKeyAccessControl(keys, limiter),
          inject: [ApiKeys, RateLimiter],
        },
        { provide: AccessControl, useExisting: ApiKeyAccessControl },
        WorkflowScope,
        {
          provide: RouteRegistry,
          useFactory: (host: HttpAdapterHost, access: ApiKeyAccessControl, scope: WorkflowScope) => {
            const routes = new RouteRegistry();
            installAccessHooks(host.httpAdapter.getInstance<FastifyInstance>(), {
              access,
              scope,
              routes,
              docsOpen: auth.docsOpen,
            });
            return routes;
          },
          inject: [HttpAdapterHost, ApiKeyAccessControl, WorkflowScope],
        },
        {
          provide: AdminKeyBootstrap,
          useFactory: (keys: ApiKeys) => new AdminKeyBootstrap(keys, { configured: auth.adminKey, print }),
          inject: [ApiKeys],
        },
      ],
      exports: [AccessControl, ApiKeys, RouteRegistry],
    };
  }
}
