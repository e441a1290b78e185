import { ApiProperty } from '@nestjs/swagger';
import { EVENT_AGGREGATES } from '@annals/contracts';
import type { EventAggregate, EventDefinition, JsonSchema } from '@annals/contracts';

export class CatalogEntryDto {
  @ApiProperty({ example: 'DeploymentRequested' })
  readonly type!: string;

  @ApiProperty({ enum: EVENT_AGGREGATES, description: 'The stream type the event belongs to' })
  readonly aggregate!: EventAggregate;

  @ApiProperty({
    example: 2,
    description: 'The version new events are written with; older stored versions are upcast to it on read',
  })
  readonly schemaVersion!: number;

  @ApiProperty()
  readonly description!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'JSON Schema (draft 2020-12) of the event data at schemaVersion',
  })
  readonly schema!: JsonSchema;
}

export class CatalogDto {
  @ApiProperty({ type: [CatalogEntryDto] })
  readonly items!: CatalogEntryDto[];
}

/** What the catalog publishes of a definition: everything but the upcaster functions. */
export const toCatalogEntry = ({
  type,
  aggregate,
  schemaVersion,
  description,
  schema,
}: EventDefinition): CatalogEntryDto => ({ type, aggregate, schemaVersion, description, schema });
