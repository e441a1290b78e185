import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiKeyDto,
  ApiKeyIdDto,
  ApiKeyListQuery,
  ApiKeyPageDto,
  CreateApiKeyDto,
  CreatedApiKeyDto,
} from '@annals/contracts/keys/api-keys.dto';
import { ApiKeys, ApiKeyView } from '@annals/platform/auth/api-keys';
import { DEFAULT_LIST_LIMIT } from '@annals/projections/queries/list-request';
import { ApiProblem } from '../http/api-problem.exception';
import { queryProblem } from '../queries/read-your-write';

/** Key management (role admin): docs/security.md. */
@ApiTags('keys')
@ApiBearerAuth()
@Controller('v1/keys')
export class KeysController {
  constructor(private readonly keys: ApiKeys) {}

  @Post()
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'createApiKey',
    summary: 'Create an API key; the response holds its token, shown this once only',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  create(@Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.keys.create({
      name: body.name,
      role: body.role,
      workflowId: body.workflowId,
      expiresAt: body.expiresAt === undefined ? undefined : new Date(body.expiresAt),
    });
  }

  @Get()
  @ApiOperation({
    operationId: 'listApiKeys',
    summary: 'Keys in creation order, revoked and expired ones too',
  })
  @ApiOkResponse({ type: ApiKeyPageDto })
  async list(@Query() query: ApiKeyListQuery): Promise<ApiKeyPageDto> {
    try {
      return await this.keys.list(query.limit ?? DEFAULT_LIST_LIMIT, query.cursor);
    } catch (error) {
      throw queryProblem(error);
    }
  }

  @Delete(':id')
  @ApiOperation({
    operationId: 'revokeApiKey',
    summary: 'Revoke a key: refused at once by this process, within ANNALS_AUTH_CACHE_MS by the others',
  })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiNotFoundResponse({ description: 'key.not_found' })
  async revoke(@Param() { id }: ApiKeyIdDto): Promise<ApiKeyView> {
    const key = await this.keys.revoke(id);
    if (key === undefined) throw new ApiProblem(404, 'key.not_found', `No API key ${id}`, { keyId: id });
    return key;
  }
}
