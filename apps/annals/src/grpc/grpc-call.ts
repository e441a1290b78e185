import { Type } from '@nestjs/common';
import { Metadata } from '@grpc/grpc-js';
import { Principal } from '../auth/access';
import { HeaderLookup } from '../http/request-metadata';
import { validationPipe } from '../http/validation.pipe';

/** What a handler knows about its call besides the request. */
export interface CallContext {
  readonly metadata: Metadata;
  /** Undefined while no AccessControl is provided (no auth yet). */
  readonly principal: Principal | undefined;
  /** Aborts when the caller cancels or the server shuts down. */
  readonly signal: AbortSignal;
}

export type UnaryHandler = {
  readonly kind: 'unary';
  run(request: any, call: CallContext): Promise<object>;
};

export type ServerStreamHandler = {
  readonly kind: 'server-stream';
  /** `send` resolves when the transport can take more: a slow reader slows the writer down. */
  run(request: any, call: CallContext, send: (message: object) => Promise<void>): Promise<void>;
};

export type GrpcHandler = UnaryHandler | ServerStreamHandler;

export const unary = (run: UnaryHandler['run']): UnaryHandler => ({ kind: 'unary', run });

export const serverStream = (run: ServerStreamHandler['run']): ServerStreamHandler => ({
  kind: 'server-stream',
  run,
});

/** One service of package annals.v1: its full name and a handler per method. */
export interface GrpcService {
  readonly name: string;
  handlers(): Readonly<Record<string, GrpcHandler>>;
}

/** gRPC metadata read like HTTP headers (the first text value of a key). */
export const metadataLookup =
  (metadata: Metadata): HeaderLookup =>
  (name) => {
    const value = metadata.get(name)[0];
    return typeof value === 'string' ? value : undefined;
  };

const pipe = validationPipe();

/**
 * A request checked by the REST DTO of the same operation, through the same pipe as REST: the same
 * rules, the same field problems (INVALID_ARGUMENT with annals-problem-errors).
 */
export async function validated<T extends object>(dto: Type<T>, request: object): Promise<T> {
  return (await pipe.transform(request, { type: 'body', metatype: dto })) as T;
}
