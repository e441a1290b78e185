import { Controller, Get, Param, Query, Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { AGGREGATE_KINDS, AggregateKind } from '@annals/commands';
import { EntityHistoryService } from './entity-history.service';
import { ENTITY_KINDS } from './entity-kinds';
import { HistoryQuery, StateQuery } from './history.queries';
import { EntityStateDto, HistoryPageDto } from './history.responses';

/**
 * GET /v1/<collection>/{id}/history and /state for one aggregate. The command controllers own the
 * same prefix; these GET routes sit beside them in a controller of their own.
 */
function historyController(kind: AggregateKind): Type<unknown> {
  const { collection, label } = ENTITY_KINDS[kind];
  const entity = label.name.toLowerCase();

  @ApiTags(collection)
  @Controller(`v1/${collection}`)
  class HistoryController {
    constructor(private readonly entities: EntityHistoryService) {}

    @Get(':id/history')
    @ApiOperation({
      operationId: `${kind}History`,
      summary: `The ${entity}'s events in version order, data upcast to the current schema versions`,
    })
    @ApiParam({ name: 'id', description: `The ${entity} id` })
    @ApiOkResponse({ type: HistoryPageDto })
    @ApiNotFoundResponse({ description: `${kind}.not_found: the stream has no events` })
    @ApiBadRequestResponse({ description: 'request.invalid: fromVersion or limit out of range' })
    history(@Param('id') id: string, @Query() query: HistoryQuery): Promise<HistoryPageDto> {
      return this.entities.history(kind, id, query);
    }

    @Get(':id/state')
    @ApiOperation({
      operationId: `${kind}State`,
      summary: `The ${entity}'s state now, as of a time (asOf) or at a version`,
      description:
        'Folds the events with the same evolve the commands use, after upcasting. asOf takes the events that ' +
        'occurred at or before it; version the events up to it. Give at most one of them.',
    })
    @ApiParam({ name: 'id', description: `The ${entity} id` })
    @ApiOkResponse({ type: EntityStateDto })
    @ApiNotFoundResponse({
      description: `${kind}.not_found: no events (at asOf); ${kind}.version_not_found: version beyond the stream`,
    })
    @ApiBadRequestResponse({ description: 'request.invalid: both asOf and version, or a malformed one' })
    state(@Param('id') id: string, @Query() query: StateQuery): Promise<EntityStateDto> {
      return this.entities.state(kind, id, query);
    }
  }

  // Nest and Swagger name routes after the class: one name per aggregate.
  Object.defineProperty(HistoryController, 'name', { value: `${label.name}HistoryController` });
  return HistoryController;
}

export const HISTORY_CONTROLLERS = AGGREGATE_KINDS.map(historyController);
