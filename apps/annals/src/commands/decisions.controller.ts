import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CommandBodyDto,
  DecisionReasonDto,
  RecordDecisionDto,
  SupersedeDecisionDto,
} from '@annals/contracts';
import { CommandGateway } from './command-gateway';
import { CommandHeaders } from './command-headers.decorator';

@ApiTags('decisions')
@CommandHeaders()
@Controller('v1/decisions')
export class DecisionsController {
  constructor(private readonly commands: CommandGateway) {}

  @Post()
  @ApiOperation({
    summary: 'RecordDecision',
    description: 'With `supersedes`, the replaced decision is marked superseded in the same transaction.',
  })
  record(
    @Body() body: RecordDecisionDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('RecordDecision', body.id, body, req, reply, { creates: true });
  }

  @Post(':id/accept')
  @ApiOperation({ summary: 'AcceptDecision' })
  accept(
    @Param('id') id: string,
    @Body() body: CommandBodyDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('AcceptDecision', id, body, req, reply);
  }

  @Post(':id/reject')
  @ApiOperation({ summary: 'RejectDecision' })
  reject(
    @Param('id') id: string,
    @Body() body: DecisionReasonDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('RejectDecision', id, body, req, reply);
  }

  @Post(':id/deprecate')
  @ApiOperation({ summary: 'DeprecateDecision' })
  deprecate(
    @Param('id') id: string,
    @Body() body: DecisionReasonDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('DeprecateDecision', id, body, req, reply);
  }

  @Post(':id/supersede')
  @ApiOperation({
    summary: 'SupersedeDecision',
    description: 'The successor `by` gets DecisionLinkedAsSuccessor in the same transaction.',
  })
  supersede(
    @Param('id') id: string,
    @Body() body: SupersedeDecisionDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('SupersedeDecision', id, body, req, reply);
  }
}
