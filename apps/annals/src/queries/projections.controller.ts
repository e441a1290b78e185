import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProjectionStatus, ProjectionStatusReader } from '@annals/projections';

@ApiTags('projections')
@Controller('v1/projections')
export class ProjectionsController {
  constructor(private readonly status: ProjectionStatusReader) {}

  @Get()
  @ApiOperation({
    operationId: 'listProjections',
    summary: 'Each projection: version, position, lag behind the ledger head, state',
    description:
      'state: running (a runner in some process holds it and is caught up), catching_up, stopped (no runner).',
  })
  async list(): Promise<{ items: ProjectionStatus[] }> {
    return { items: await this.status.statuses() };
  }
}
