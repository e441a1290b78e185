import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CaptureSnapshotDto } from '@annals/contracts';
import { CommandGateway } from './command-gateway';
import { CommandHeaders } from './command-headers.decorator';

@ApiTags('snapshots')
@CommandHeaders()
@Controller('v1/snapshots')
export class SnapshotsController {
  constructor(private readonly commands: CommandGateway) {}

  @Post()
  @ApiOperation({
    summary: 'CaptureSnapshot',
    description: 'Snapshots are immutable: a second capture on an id is refused.',
  })
  capture(
    @Body() body: CaptureSnapshotDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('CaptureSnapshot', body.id, body, req, reply, { creates: true });
  }
}
