import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsistencyQuery, TaskListQuery } from '@annals/contracts/queries/list-queries.dto';
import { TaskQueries } from '@annals/projections';
import { consistencyOf, found, serve } from './read-your-write';
import { taskFilterOf } from './list-filters';

const BEHIND = 'projection.behind: the tasks projection did not reach minPosition in time';

/** GET /v1/tasks and /v1/tasks/{id}, from read.tasks (the command routes share the prefix). */
@ApiTags('tasks')
@Controller('v1/tasks')
export class TaskQueriesController {
  constructor(private readonly tasks: TaskQueries) {}

  @Get()
  @ApiOperation({
    operationId: 'listTasks',
    summary: 'Tasks, filtered, in keyset pages: { items, nextCursor }',
  })
  @ApiServiceUnavailableResponse({ description: BEHIND })
  list(
    @Query() query: TaskListQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return serve(reply, () => this.tasks.list(taskFilterOf(query), query, consistencyOf(query, request)));
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getTask',
    summary:
      'A task with its dependencies and dependents, subtasks, milestones, issues, questions, outcome, files, ' +
      'scope check and status history',
    description:
      'Each list carries at most its first 100 items (files 500; the newest milestones and status changes) ' +
      'with `total` and `truncated`.',
  })
  @ApiParam({ name: 'id', description: 'The task id' })
  @ApiNotFoundResponse({ description: 'task.not_found' })
  @ApiServiceUnavailableResponse({
    description: 'projection.behind: the tasks or task-details projection did not reach minPosition in time',
  })
  async get(
    @Param('id') id: string,
    @Query() query: ConsistencyQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const task = await serve(reply, () => this.tasks.get(id, consistencyOf(query, request)));
    return found(task, 'task.not_found', `task ${id}`);
  }
}
