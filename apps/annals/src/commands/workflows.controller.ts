import { Body, Controller, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ArchiveWorkflowDto,
  CommandBodyDto,
  CompletePhaseDto,
  CompleteWorkflowDto,
  StartPhaseDto,
  StartWorkflowDto,
  UpdateWorkflowDto,
} from '@annals/contracts';
import { CommandGateway } from './command-gateway';
import { CommandHeaders } from './command-headers.decorator';

@ApiTags('workflows')
@CommandHeaders()
@Controller('v1/workflows')
export class WorkflowsController {
  constructor(private readonly commands: CommandGateway) {}

  @Post()
  @ApiOperation({ summary: 'StartWorkflow' })
  start(
    @Body() body: StartWorkflowDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('StartWorkflow', body.id, body, req, reply, { creates: true });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'UpdateWorkflow' })
  update(
    @Param('id') id: string,
    @Body() body: UpdateWorkflowDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('UpdateWorkflow', id, body, req, reply);
  }

  @Post(':id/phases')
  @ApiOperation({ summary: 'StartPhase' })
  startPhase(
    @Param('id') id: string,
    @Body() body: StartPhaseDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('StartPhase', id, body, req, reply);
  }

  @Post(':id/phases/:phaseId/complete')
  @ApiOperation({ summary: 'CompletePhase' })
  completePhase(
    @Param('id') id: string,
    @Param('phaseId') phaseId: string,
    @Body() body: CommandBodyDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run(
      'CompletePhase',
      id,
      { ...body, phaseId } satisfies CompletePhaseDto,
      req,
      reply,
    );
  }

  @Post(':id/complete')
  @ApiOperation({ summary: 'CompleteWorkflow' })
  complete(
    @Param('id') id: string,
    @Body() body: CompleteWorkflowDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('CompleteWorkflow', id, body, req, reply);
  }

  @Post(':id/archive')
  @ApiOperation({ summary: 'ArchiveWorkflow' })
  archive(
    @Param('id') id: string,
    @Body() body: ArchiveWorkflowDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('ArchiveWorkflow', id, body, req, reply);
  }
}
