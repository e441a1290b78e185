import { Body, Controller, Delete, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AnswerDto,
  AnswerQuestionDto,
  AskQuestionDto,
  AssignTaskDto,
  BlockTaskDto,
  CancelTaskDto,
  CommandBodyDto,
  CompleteTaskDto,
  CreateTaskDto,
  FailTaskDto,
  LogIssueDto,
  RecordMilestoneDto,
  RetryTaskDto,
  StartTaskDto,
  TaskDependencyDto,
  TaskDependencyPathDto,
  TaskQuestionPathDto,
} from '@annals/contracts';
import { CommandGateway } from './command-gateway';
import { CommandHeaders } from './command-headers.decorator';

const ON_THE_WORKFLOW =
  'The edge is recorded on the workflow stream: the result, its ETag and If-Match refer to that stream. 404 task.not_found when the task does not exist.';

@ApiTags('tasks')
@CommandHeaders()
@Controller('v1/tasks')
export class TasksController {
  constructor(private readonly commands: CommandGateway) {}

  @Post()
  @ApiOperation({ summary: 'CreateTask' })
  create(
    @Body() body: CreateTaskDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('CreateTask', body.id, body, req, reply, { creates: true });
  }

  @Post(':id/start')
  @ApiOperation({ summary: 'StartTask' })
  start(
    @Param('id') id: string,
    @Body() body: StartTaskDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('StartTask', id, body, req, reply);
  }

  @Post(':id/assign')
  @ApiOperation({ summary: 'AssignTask' })
  assign(
    @Param('id') id: string,
    @Body() body: AssignTaskDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('AssignTask', id, body, req, reply);
  }

  @Post(':id/milestones')
  @ApiOperation({ summary: 'RecordMilestone' })
  recordMilestone(
    @Param('id') id: string,
    @Body() body: RecordMilestoneDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('RecordMilestone', id, body, req, reply);
  }

  @Post(':id/issues')
  @ApiOperation({ summary: 'LogIssue' })
  logIssue(
    @Param('id') id: string,
    @Body() body: LogIssueDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('LogIssue', id, body, req, reply);
  }

  @Post(':id/questions')
  @ApiOperation({ summary: 'AskQuestion' })
  askQuestion(
    @Param('id') id: string,
    @Body() body: AskQuestionDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('AskQuestion', id, body, req, reply);
  }

  @Post(':id/questions/:questionId/answer')
  @ApiOperation({ summary: 'AnswerQuestion' })
  answerQuestion(
    @Param() { id, questionId }: TaskQuestionPathDto,
    @Body() body: AnswerDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run(
      'AnswerQuestion',
      id,
      { ...body, questionId } satisfies AnswerQuestionDto,
      req,
      reply,
    );
  }

  @Post(':id/block')
  @ApiOperation({ summary: 'BlockTask' })
  block(
    @Param('id') id: string,
    @Body() body: BlockTaskDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('BlockTask', id, body, req, reply);
  }

  @Post(':id/unblock')
  @ApiOperation({ summary: 'UnblockTask' })
  unblock(
    @Param('id') id: string,
    @Body() body: CommandBodyDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('UnblockTask', id, body, req, reply);
  }

  @Post(':id/dependencies')
  @ApiOperation({ summary: 'AddDependency', description: ON_THE_WORKFLOW })
  addDependency(
    @Param('id') id: string,
    @Body() body: TaskDependencyDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('AddDependency', id, body, req, reply);
  }

  @Delete(':id/dependencies/:dependsOnId')
  @ApiOperation({ summary: 'RemoveDependency', description: ON_THE_WORKFLOW })
  @ApiBody({ type: CommandBodyDto, required: false })
  removeDependency(
    @Param() { id, dependsOnId }: TaskDependencyPathDto,
    @Body() body: CommandBodyDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run(
      'RemoveDependency',
      id,
      { ...body, dependsOnTaskId: dependsOnId } satisfies TaskDependencyDto,
      req,
      reply,
    );
  }

  @Post(':id/complete')
  @ApiOperation({ summary: 'CompleteTask' })
  complete(
    @Param('id') id: string,
    @Body() body: CompleteTaskDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('CompleteTask', id, body, req, reply);
  }

  @Post(':id/fail')
  @ApiOperation({ summary: 'FailTask' })
  fail(
    @Param('id') id: string,
    @Body() body: FailTaskDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('FailTask', id, body, req, reply);
  }

  @Post(':id/cancel')
  @ApiOperation({ summary: 'CancelTask' })
  cancel(
    @Param('id') id: string,
    @Body() body: CancelTaskDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('CancelTask', id, body, req, reply);
  }

  @Post(':id/retry')
  @ApiOperation({ summary: 'RetryTask' })
  retry(
    @Param('id') id: string,
    @Body() body: RetryTaskDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.run('RetryTask', id, body, req, reply);
  }
}
