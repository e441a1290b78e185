import { Injectable } from '@nestjs/common';
import { TaskListQuery } from '@annals/contracts/queries/list-queries.dto';
import { TaskQueries } from '@annals/projections';
import { taskFilterOf } from '../../queries/list-filters';
import { found } from '../../queries/read-your-write';
import { GrpcService } from '../grpc-call';
import { GetByIdRequest } from '../query-requests';
import { queryMethod } from '../query-method';
import { getTaskResponse } from '../task-detail-message';

/** annals.v1.TaskQueryService: GET /v1/tasks and /v1/tasks/{id}. */
@Injectable()
export class TaskQueryGrpcService implements GrpcService {
  readonly name = 'annals.v1.TaskQueryService';
  constructor(private readonly tasks: TaskQueries) {}

  handlers() {
    return {
      List: queryMethod(TaskListQuery, (query) => this.tasks.list(taskFilterOf(query), query, query)),
      Get: queryMethod(
        GetByIdRequest,
        (request) => this.tasks.get(request.id, request),
        (detail, { id }) => getTaskResponse(found(detail, 'task.not_found', `task ${id}`)),
      ),
    };
  }
}
