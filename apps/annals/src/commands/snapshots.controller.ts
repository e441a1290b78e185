import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandGateway } from './command-gateway';
import { CommandHeaders } from './command-headers.decorator';

@ApiTags('snapshots')
@CommandHeaders()
@Controller('v1/snapshots')
export class SnapshotsController {
  constructor(private readonly commands: CommandGateway) {}
}
