import { Injectable } from '@nestjs/common';
import { ActivityListQuery } from '@annals/contracts/queries/deployment-queries.dto';
import { ActivityQueries } from '@annals/projections';
import { activityFilterOf } from '../../queries/deployment-activity-filters';
import { GrpcService } from '../grpc-call';
import { queryMethod } from '../query-method';

/** annals.v1.ActivityQueryService: GET /v1/activity. */
@Injectable()
export class ActivityQueryGrpcService implements GrpcService {
  readonly name = 'annals.v1.ActivityQueryService';
  constructor(private readonly activity: ActivityQueries) {}

  handlers() {
    return {
      List: queryMethod(ActivityListQuery, (query) =>
        this.activity.list(activityFilterOf(query), query, query),
      ),
    };
  }
}
