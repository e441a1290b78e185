import { once } from 'node:events';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  handleServerStreamingCall,
  handleUnaryCall,
  Metadata,
  Server,
  ServerCredentials,
  ServerWritableStream,
  ServiceDefinition,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { AnnalsRuntime } from '@annals/platform';
import { loadAnnalsProtos } from '@annals/contracts/proto/annals-protos';
import { AccessControl, AccessDenied, Permission, Principal } from '../auth/access';
import { accessProblem } from '../auth/access-problem';
import { ApiProblem } from '../http/api-problem.exception';
import { CallContext, GrpcService, ServerStreamHandler, UnaryHandler } from './grpc-call';
import { permissionOf } from './grpc-permissions';
import { grpcErrorOf } from './grpc-problem';
import { GRPC_SERVICES } from './grpc.services';

/** The largest request: the same as REST's body limit (a full batch of maximal commands). */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
/** How long shutdown lets unary calls finish before it cuts them. */
const SHUTDOWN_GRACE_MS = 5_000;

/**
 * The gRPC server of package annals.v1, beside REST in the same Nest application: it binds
 * GRPC_PORT when the application starts and closes before the database does.
 */
@Injectable()
export class GrpcServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('GrpcServer');
  private server: Server | undefined;
  private boundPort: number | undefined;
  /** One per call in progress: shutdown aborts them, so that live subscriptions end. */
  private readonly calls = new Set<AbortController>();

  constructor(
    private readonly runtime: AnnalsRuntime,
    private readonly modules: ModuleRef,
    // Optional until API keys are wired: without it every call is let through as `anonymous`.
    @Optional() private readonly access?: AccessControl,
  ) {}

  /** The port bound (GRPC_PORT, or the free port chosen for 0); undefined when gRPC is off. */
  get port(): number | undefined {
    return this.boundPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { grpcEnabled, grpcPort } = this.runtime.config;
    if (!grpcEnabled) return;
    const definition = loadAnnalsProtos();
    const server = new Server({
      'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
      'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    });
    for (const type of GRPC_SERVICES) {
      const service = this.modules.get<GrpcService>(type, { strict: false });
      server.addService(definition[service.name] as ServiceDefinition, this.implement(service));
    }
    new ReflectionService(definition).addToServer(server);
    this.boundPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`0.0.0.0:${grpcPort}`, ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    this.server = server;
    if (!this.access) this.logger.warn('gRPC runs without authentication: no AccessControl is provided');
    this.logger.log(`gRPC on port ${this.boundPort} (package annals.v1, reflection on)`);
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const call of this.calls) call.abort();
    const graceful = new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    const timer = setTimeout(() => server.forceShutdown(), SHUTDOWN_GRACE_MS);
    await graceful;
    clearTimeout(timer);
  }

  private implement(service: GrpcService): UntypedServiceImplementation {
    const implementation: UntypedServiceImplementation = {};
    for (const [method, handler] of Object.entries(service.handlers())) {
      const permission = permissionOf(service.name, method);
      implementation[method] =
        handler.kind === 'unary' ? this.unary(handler, permission) : this.serverStream(handler, permission);
    }
    return implementation;
  }

  private unary(handler: UnaryHandler, permission: Permission): handleUnaryCall<any, any> {
    return (call, callback) => {
      void this.track(call.metadata, permission, (context) => handler.run(call.request, context)).then(
        (response) => callback(null, response),
        (error) => callback(grpcErrorOf(error)),
      );
    };
  }

  private serverStream(
    handler: ServerStreamHandler,
    permission: Permission,
  ): handleServerStreamingCall<any, any> {
    return (call) => {
      let cancelled = false;
      call.on('cancelled', () => (cancelled = true));
      void this.track(call.metadata, permission, async (context) => {
        // A caller that hung up while its key was being checked gets nothing started.
        if (cancelled) return;
        call.on('cancelled', () => context.abort());
        await handler.run(call.request, context, (message) => send(call, message, context.signal));
        // The handler ends only when aborted: by the caller (nothing to say) or by shutdown.
        if (!cancelled) {
          const shutdown = new ApiProblem(503, 'server.shutting_down', 'Resubscribe after the last position');
          call.emit('error', grpcErrorOf(shutdown));
        }
      }).catch((error) => {
        if (!cancelled) call.emit('error', grpcErrorOf(error));
      });
    };
  }

  /** Authorizes, then runs the handler with a signal that aborts on shutdown. */
  private async track<T>(
    metadata: Metadata,
    permission: Permission,
    work: (context: CallContext & { abort(): void }) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    this.calls.add(controller);
    try {
      const principal = await this.authorize(metadata, permission);
      return await work({ metadata, principal, signal: controller.signal, abort: () => controller.abort() });
    } finally {
      this.calls.delete(controller);
    }
  }

  private async authorize(metadata: Metadata, permission: Permission): Promise<Principal | undefined> {
    if (!this.access) return undefined;
    const value = metadata.get('authorization')[0];
    const authorization = typeof value === 'string' ? value : undefined;
    const principal = await this.access.authorize(authorization, permission).catch((error: unknown) => {
      // The same stable code REST answers (auth.missing vs auth.invalid needs to know what was sent).
      const refusal = accessProblem(error, authorization !== undefined, permission);
      if (!refusal) throw error;
      const { status, code, detail, type: _type, title: _title, ...extensions } = refusal;
      throw new ApiProblem(status, code, detail ?? '', extensions);
    });
    // REST checks a workflow-scoped key against each route's workflow; gRPC has no such rules yet,
    // so such a key is refused here rather than let across workflows.
    if (principal.workflowId !== undefined) {
      throw new AccessDenied('forbidden', 'A key restricted to one workflow cannot use gRPC');
    }
    return principal;
  }
}

/**
 * Writes one message and waits for the transport to drain when its buffer is full, so that a
 * slow reader holds the subscription back instead of growing the server's memory.
 */
async function send(
  call: ServerWritableStream<any, any>,
  message: object,
  signal: AbortSignal,
): Promise<void> {
  if (call.write(message) || signal.aborted) return;
  await once(call, 'drain', { signal }).catch(() => undefined);
}
