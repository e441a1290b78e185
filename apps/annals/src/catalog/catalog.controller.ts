import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { EVENT_CATALOG } from '@annals/contracts';
import { ApiProblem } from '../http/api-problem.exception';
import { CatalogDto, CatalogEntryDto, toCatalogEntry } from './catalog.responses';

@ApiTags('catalog')
@Controller('v1/catalog')
export class CatalogController {
  @Get()
  @ApiOperation({ summary: 'Every domain event type: aggregate, schema version, description, JSON Schema' })
  @ApiOkResponse({ type: CatalogDto })
  list(): CatalogDto {
    return { items: EVENT_CATALOG.all().map(toCatalogEntry) };
  }

  @Get(':type')
  @ApiOperation({ summary: 'One event type of the catalog' })
  @ApiParam({ name: 'type', example: 'TaskCompleted' })
  @ApiOkResponse({ type: CatalogEntryDto })
  @ApiNotFoundResponse({ description: 'catalog.unknown_type: no domain event has this type' })
  get(@Param('type') type: string): CatalogEntryDto {
    const definition = EVENT_CATALOG.find(type);
    if (definition === undefined) {
      throw new ApiProblem(404, 'catalog.unknown_type', `No event type ${type} in the catalog`, {
        type: type.slice(0, 200),
      });
    }
    return toCatalogEntry(definition);
  }
}
