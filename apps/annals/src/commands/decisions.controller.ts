import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandGateway } from './command-gateway';
import { CommandHeaders } from './command-headers.decorator';

@ApiTags('decisions')
@CommandHeaders()
@Controller('v1/decisions')
export class DecisionsController {
  constructor(private readonly commands: CommandGateway) {}
}
