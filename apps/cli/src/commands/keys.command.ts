import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AnnalsRuntime, loadConfig } from '@annals/platform';
import { ApiKeys, ApiKeyView } from '@annals/platform/auth/api-keys';
import { API_KEY_ID_PATTERN, API_KEY_ROLES } from '@annals/platform/auth/api-key';
import { CreateApiKeyDto } from '@annals/contracts/keys/api-keys.dto';
import { fieldProblems } from '@annals/contracts/problems/validation-problems';
import { CliContext, CommandArgs, defineCommand, OptionSpecs, UsageError } from '../command';
import { ExitCode } from '../exit-codes';

const ACTIONS = ['create', 'list', 'revoke'] as const;
const PAGE = 500;

const KEYS_OPTIONS = {
  role: { type: 'string', valueName: 'ROLE', description: `create: ${API_KEY_ROLES.join(', ')}` },
  name: { type: 'string', valueName: 'NAME', description: 'create: what the key is for' },
  workflow: {
    type: 'string',
    valueName: 'ID',
    description: "create: restrict the key to this workflow's entities",
  },
  expires: {
    type: 'string',
    valueName: 'WHEN',
    description: 'create: an ISO date-time, or a duration from now such as 30d, 12h or 45m',
  },
  json: { type: 'boolean', description: 'Print JSON instead of text' },
} as const satisfies OptionSpecs;

export const keysCommand = defineCommand({
  name: 'keys',
  summary: 'Create, list and revoke API keys, directly in the database',
  usage:
    'keys create --role <ROLE> --name <NAME> [--workflow <ID>] [--expires <WHEN>] [--json] | keys list [--json] | keys revoke <ID> [--json]',
  options: KEYS_OPTIONS,
  maxPositionals: 2,
  async run(args, context): Promise<number> {
    const [action, id] = args.positionals;
    if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) {
      throw new UsageError(`expected one of ${ACTIONS.join(', ')}, got '${action ?? ''}'`, keysCommand);
    }
    if (action === 'revoke' && (id === undefined || !API_KEY_ID_PATTERN.test(id))) {
      throw new UsageError('revoke takes the key id: 16 lower-case hex characters', keysCommand);
    }
    if (action !== 'revoke' && id !== undefined)
      throw new UsageError(`unexpected argument '${id}'`, keysCommand);
    const request = action === 'create' ? await createRequest(args) : undefined;

    const runtime = await AnnalsRuntime.open(loadConfig(context.env), {
      applicationName: 'annals-keys',
      log: context.err,
    });
    try {
      const keys = new ApiKeys(runtime.db);
      if (request) return await create(keys, request, args.values.json === true, context);
      if (action === 'list') return await list(keys, args.values.json === true, context);
      return await revoke(keys, id!, args.values.json === true, context);
    } finally {
      await runtime.close();
    }
  },
});

type KeysArgs = CommandArgs<typeof KEYS_OPTIONS>;

/** The same rules as POST /v1/keys: one DTO validates both. */
async function createRequest({ values }: KeysArgs): Promise<CreateApiKeyDto> {
  const body = plainToInstance(CreateApiKeyDto, {
    name: values.name,
    role: values.role,
    ...(values.workflow !== undefined && { workflowId: values.workflow }),
    ...(values.expires !== undefined && { expiresAt: expiryOf(values.expires) }),
  });
  const problems = fieldProblems(await validate(body, { whitelist: true, forbidNonWhitelisted: true }));
  if (problems.length > 0) {
    const flag = (field: string) => ({ workflowId: 'workflow', expiresAt: 'expires' })[field] ?? field;
    throw new UsageError(problems.map((p) => `--${flag(p.field)}: ${p.message}`).join('; '), keysCommand);
  }
  return body;
}

const DURATION = /^(\d{1,6})([dhm])$/;
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/** `30d`, `12h`, `45m` from now; anything else is taken as a date-time and validated as one. */
export function expiryOf(text: string, now: Date = new Date()): string {
  const match = DURATION.exec(text);
  if (!match) return text;
  return new Date(now.getTime() + Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]).toISOString();
}

async function create(keys: ApiKeys, request: CreateApiKeyDto, json: boolean, context: CliContext) {
  const { key, token } = await keys.create({
    name: request.name,
    role: request.role,
    workflowId: request.workflowId,
    expiresAt: request.expiresAt === undefined ? undefined : new Date(request.expiresAt),
  });
  if (json) {
    context.out(JSON.stringify({ key, token }));
  } else {
    context.out(`created ${describe(key)}`);
    context.out(`key (shown this once, stored only as a hash): ${token}`);
  }
  return ExitCode.ok;
}

async function list(keys: ApiKeys, json: boolean, context: CliContext) {
  const all: ApiKeyView[] = [];
  let cursor: string | undefined;
  do {
    const page = await keys.list(PAGE, cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  if (json) context.out(JSON.stringify(all));
  else if (all.length === 0) context.out('no keys');
  else all.forEach((key) => context.out(describe(key)));
  return ExitCode.ok;
}

async function revoke(keys: ApiKeys, id: string, json: boolean, context: CliContext) {
  const key = await keys.revoke(id);
  if (key === undefined) {
    context.err(`no API key ${id}`);
    return ExitCode.failure;
  }
  context.out(json ? JSON.stringify(key) : `revoked ${describe(key)}`);
  return ExitCode.ok;
}

const describe = (key: ApiKeyView): string =>
  [
    key.id,
    key.role,
    key.status,
    JSON.stringify(key.name),
    key.workflowId && `workflow=${key.workflowId}`,
    key.expiresAt && `expires=${key.expiresAt}`,
    key.lastUsedAt && `last-used=${key.lastUsedAt}`,
  ]
    .filter(Boolean)
    .join(' ');
