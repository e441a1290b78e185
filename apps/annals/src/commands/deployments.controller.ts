import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CommandBodyDto,
  CompleteDeploymentDto,
  FailDeploymentDto,
  RequestDeploymentDto,
  RollBackDeploymentDto,
} from '@annals/contracts';
import { CommandGateway } from './command-gateway';
import { CommandHeaders } from './command-headers.decorator';

@ApiTags('deployments')
@CommandHeaders()
@Controller('v1/deployments')
export class DeploymentsController {
  constructor(private readonly commands: CommandGateway) {}

  @Post()
  @ApiOperation({ summary: 'RequestDeployment' })
  request(
    @Body() body: RequestDeploymentDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('RequestDeployment', body.id, body, req, reply, { creates: true });
  }

  @Post(':id/start')
  @ApiOperation({ summary: 'StartDeployment' })
  start(
    @Param('id') id: string,
    @Body() body: CommandBodyDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('StartDeployment', id, body, req, reply);
  }

  @Post(':id/complete')
  @ApiOperation({ summary: 'CompleteDeployment', description: 'From pending or in progress.' })
  complete(
    @Param('id') id: string,
    @Body() body: CompleteDeploymentDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('CompleteDeployment', id, body, req, reply);
  }

  @Post(':id/fail')
  @ApiOperation({ summary: 'FailDeployment', description: 'From pending or in progress.' })
  fail(
    @Param('id') id: string,
    @Body() body: FailDeploymentDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('FailDeployment', id, body, req, reply);
  }

  @Post(':id/roll-back')
  @ApiOperation({ summary: 'RollBackDeployment', description: 'Of a completed deployment.' })
  rollBack(
    @Param('id') id: string,
    @Body() body: RollBackDeploymentDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('RollBackDeployment', id, body, req, reply);
  }
}
