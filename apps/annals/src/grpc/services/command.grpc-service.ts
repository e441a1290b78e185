import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CommandResult, ExecuteCommands } from '@annals/commands';
import { CommandBatchDto, CommandEnvelopeDto } from '@annals/contracts';
import { EventMetadata, uuidv7 } from '@annals/event-store';
import { ApiProblem } from '../../http/api-problem.exception';
import {
  eventMetadataFrom,
  expectedVersionOf,
  HeaderLookup,
  idempotencyKeyFrom,
} from '../../http/request-metadata';
import { CallContext, GrpcService, metadataLookup, unary, validated } from '../grpc-call';
import { fromProtoStruct, ProtoStruct } from '../protobuf-json';

interface EnvelopeMessage {
  readonly type?: string;
  readonly id?: string;
  readonly expectedVersion?: string;
  readonly idempotencyKey?: string;
  readonly data?: ProtoStruct;
}

/** annals.v1.CommandService: the envelopes of POST /v1/commands, on the same command bus. */
@Injectable()
export class CommandGrpcService implements GrpcService {
  readonly name = 'annals.v1.CommandService';
  constructor(private readonly bus: CommandBus) {}

  handlers() {
    return {
      Execute: unary(async (message: EnvelopeMessage, call) => {
        const headers = metadataLookup(call.metadata);
        const envelope = await validated(CommandEnvelopeDto, {
          ...envelopeOf(message),
          idempotencyKey: oneOf('idempotency_key', message.idempotencyKey, idempotencyKeyFrom(headers)),
          expectedVersion: oneOf('expected_version', message.expectedVersion, expectedVersionOf(headers)),
        });
        const [result] = await this.bus.execute(
          new ExecuteCommands([envelope], { metadata: eventMetadataOf(headers, call) }),
        );
        return result;
      }),
      Batch: unary(async (message: { commands?: EnvelopeMessage[] }, call) => {
        const batch = await validated(CommandBatchDto, {
          commands: (message.commands ?? []).map(envelopeOf),
        });
        const results: CommandResult[] = await this.bus.execute(
          new ExecuteCommands(batch.commands, {
            metadata: eventMetadataOf(metadataLookup(call.metadata), call),
            batch: true,
          }),
        );
        return { results };
      }),
    };
  }
}

const envelopeOf = (message: EnvelopeMessage): Record<string, unknown> => ({
  type: message.type,
  id: message.id,
  expectedVersion: message.expectedVersion,
  idempotencyKey: message.idempotencyKey,
  data: message.data === undefined ? undefined : fromProtoStruct(message.data),
});

/** transport grpc; the actor is the caller's key once auth is provided. */
function eventMetadataOf(headers: HeaderLookup, call: CallContext): EventMetadata {
  const actor = call.principal
    ? { id: call.principal.keyId, role: call.principal.role }
    : { id: 'anonymous' };
  return eventMetadataFrom(headers, { transport: 'grpc', requestId: uuidv7(), actor });
}

/**
 * A value the envelope and the metadata may both give (idempotency-key, if-match): either one, or
 * both when they agree; two different values are a contradiction, never silently resolved.
 */
function oneOf<A extends string | number, B extends string | number>(
  field: string,
  fromMessage: A | undefined,
  fromMetadata: B | undefined,
): A | B | undefined {
  if (fromMessage === undefined || fromMetadata === undefined || String(fromMessage) === String(fromMetadata))
    return fromMessage ?? fromMetadata;
  throw new ApiProblem(400, 'request.conflicting_values', `${field} and its metadata differ`, {
    errors: [
      {
        field,
        code: 'field.conflict',
        message: 'the message and the metadata give different values',
        expected: String(fromMetadata),
        actual: String(fromMessage),
      },
    ],
  });
}
