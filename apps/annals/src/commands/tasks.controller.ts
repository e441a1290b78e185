import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandGateway } from './command-gateway';
import { CommandHeaders } from './command-headers.decorator';

@ApiTags('tasks')
@CommandHeaders()
@Controller('v1/tasks')
export class TasksController {
  constructor(private readonly commands: CommandGateway) {}
}
