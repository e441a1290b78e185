import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { EntityIdField, TextField } from '../commands/field-decorators';
import { LIMITS } from '../commands/limits';
import { ListQuery } from './list-queries.dto';

export const FLOW_GROUP_BY = ['workflow', 'area', 'assignee'] as const;

/** GET /v1/metrics/flow: a page of groups (limit, cursor), each with its flow figures over [from, to). */
export class FlowMetricsQuery extends ListQuery {
  @ApiPropertyOptional({ enum: FLOW_GROUP_BY, default: 'workflow', description: 'What each item groups' })
  @IsOptional()
  @IsIn(FLOW_GROUP_BY)
  readonly groupBy?: (typeof FLOW_GROUP_BY)[number];

  @EntityIdField({ presence: 'optional', description: 'Only the tasks of this workflow' })
  readonly workflowId?: string;

  // As long as a declared area may be (task.dto.ts bounds area paths at 1024 characters).
  @TextField(1024, {
    presence: 'optional',
    description: 'Only the tasks that declare this area (exactly as declared)',
  })
  readonly area?: string;

  @TextField(LIMITS.name, {
    presence: 'optional',
    description: 'Only the tasks assigned to this assignee id',
  })
  readonly assignee?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Window start, included (default: to - 30 days)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Window end, excluded (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly to?: string;
}
