import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGGREGATE_KINDS, AggregateKind } from '@annals/commands';

export class ActorDto {
  @ApiProperty()
  readonly id!: string;

  @ApiPropertyOptional()
  readonly role?: string;

  @ApiPropertyOptional()
  readonly name?: string;
}

export class HistoryEventDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Ledger position; null until sequenced' })
  readonly position!: number | null;

  @ApiProperty({ format: 'uuid' })
  readonly eventId!: string;

  @ApiProperty({ description: 'The version of the stream this event made' })
  readonly version!: number;

  @ApiProperty({ example: 'TaskCompleted' })
  readonly type!: string;

  @ApiProperty({ description: 'The schema version of `data` as served: the current one (GET /v1/catalog)' })
  readonly schemaVersion!: number;

  @ApiProperty({ description: 'The schema version the event was stored with; lower when it was upcast' })
  readonly storedSchemaVersion!: number;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Upcast to schemaVersion' })
  readonly data!: unknown;

  @ApiProperty({ type: ActorDto, nullable: true, description: 'Who caused the event (from its metadata)' })
  readonly actor!: ActorDto | null;

  @ApiProperty({ format: 'date-time', description: 'When the fact happened' })
  readonly occurredAt!: string;

  @ApiProperty({ format: 'date-time', description: 'When the store recorded it' })
  readonly recordedAt!: string;
}

export class HistoryPageDto {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty({ enum: AGGREGATE_KINDS })
  readonly kind!: AggregateKind;

  @ApiProperty({ example: 'task-t-1' })
  readonly streamId!: string;

  @ApiProperty({ description: 'The current version of the stream' })
  readonly version!: number;

  @ApiProperty({ type: [HistoryEventDto] })
  readonly items!: HistoryEventDto[];

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Pass as fromVersion for the next page; null when this page reaches the current version',
  })
  readonly nextFromVersion!: number | null;
}

export class EntityStateDto {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty({ enum: AGGREGATE_KINDS })
  readonly kind!: AggregateKind;

  @ApiProperty({ example: 'task-t-1' })
  readonly streamId!: string;

  @ApiProperty({ description: 'The version of the last event folded into the state' })
  readonly version!: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'The time asked for, when one was' })
  readonly asOf?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The aggregate's state, folded with the same evolve the commands use",
  })
  readonly state!: unknown;
}
