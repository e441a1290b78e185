import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ExecuteCommands } from '@annals/commands';
import { CommandBatchDto } from '@annals/contracts';
import { requestMetadata } from '../http/request-metadata';

@ApiTags('commands')
@Controller('v1/commands')
export class CommandsController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run a list of commands atomically and in order',
    description:
      'A later command sees the effects of the earlier ones; any failure writes nothing and the problem names `commandIndex`.',
  })
  async batch(@Body() body: CommandBatchDto, @Req() request: FastifyRequest) {
    const results = await this.bus.execute(
      new ExecuteCommands(body.commands, { metadata: requestMetadata(request), batch: true }),
    );
    return { results: results.map(({ replayed: _replayed, ...result }) => result) };
  }
}
