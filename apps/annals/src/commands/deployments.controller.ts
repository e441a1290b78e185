import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandGateway } from './command-gateway';
import { CommandHeaders } from './command-headers.decorator';

@ApiTags('deployments')
@CommandHeaders()
@Controller('v1/deployments')
export class DeploymentsController {
  constructor(private readonly commands: CommandGateway) {}
}
