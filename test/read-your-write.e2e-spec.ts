import { withQuery } from './support/rest-session';
import { startTestApp, TestApp, TestResponse } from './support/test-app';

/*
 * Read your write under load: WRITERS publishers write at once, each in its own workflow, and after
 * every command read the entity it changed, with minPosition = the command's position, from the
 * detail and list routes of every read table concerned. Every read must be served (no 503 within the
 * default wait), at or past that position, and show the write.
 */
const WRITERS = 8;
/** Each round is five commands: create, start and complete a task, request and complete its deployment. */
const ROUNDS = 8;

interface CommandAnswer {
  readonly streamId: string;
  readonly position: number;
  readonly events: ReadonlyArray<{ eventId: string; streamId: string; type: string; position: number }>;
}

/** One command and what each read after it must show. */
interface Step {
  readonly path: string;
  readonly body: object;
  readonly status: string;
  readonly eventType: string;
}

const completion = {
  result: 'success',
  summary: 'done under load',
  achievements: [],
  limitations: [],
  nextSteps: [],
  manualReviewNeeded: false,
  testsStatus: 'passed',
  packagesAdded: [],
  packagesRemoved: [],
  commandsExecuted: [],
  files: { added: [], modified: [], deleted: [] },
};

describe('read your write under load', () => {
  let t: TestApp;
  let publisher: string;
  let analyst: string;

  beforeAll(async () => {
    t = await startTestApp();
    const key = async (role: string) => {
      const response = await t.request('POST', '/v1/keys', { body: { name: `${role}-ryw`, role } });
      expect(response.status === 201 ? 'ok' : response.body).toBe('ok');
      return response.body.token as string;
    };
    [publisher, analyst] = [await key('publisher'), await key('analyst')];
    for (let w = 0; w < WRITERS; w++) {
      const started = await t.request('POST', '/v1/workflows', {
        body: { id: `wf-ryw-${w}`, name: `Writer ${w}` },
        key: publisher,
      });
      expect(started.status === 201 ? 'ok' : started.body).toBe('ok');
    }
  });
  afterAll(async () => t?.close());

  /** Runs a command as the publisher: accepted, with the ledger position of its events. */
  async function command(path: string, body: object): Promise<CommandAnswer> {
    const response = await t.request('POST', path, { body, key: publisher });
    expect(response.status < 300 ? 'ok' : { path, ...response.body }).toBe('ok');
    const answer = response.body as CommandAnswer;
    expect(answer.position).toBeGreaterThan(0);
    return answer;
  }

  /** Reads as the analyst with minPosition: served (never 503 projection.behind) at or past it. */
  async function read(path: string, minPosition: number): Promise<any> {
    const response: TestResponse = await t.request('GET', withQuery(path, `minPosition=${minPosition}`), {
      key: analyst,
    });
    expect(response.status === 200 ? 'ok' : { path, minPosition, ...response.body }).toBe('ok');
    expect(Number(response.headers.get('x-annals-position'))).toBeGreaterThanOrEqual(minPosition);
    return response.body;
  }

  /** The entity's own event of a command (a task creation also appends to its workflow's stream). */
  const ownEvent = (answer: CommandAnswer) =>
    answer.events.filter((e) => e.streamId === answer.streamId).at(-1)!;

  /** After a command: its entity's detail, its entry in the workflow's list, and its activity. */
  async function expectReflected(
    kind: 'tasks' | 'deployments',
    id: string,
    workflowId: string,
    step: Step,
    answer: CommandAnswer,
  ): Promise<void> {
    const own = ownEvent(answer);
    expect(own.type).toBe(step.eventType);
    const [detail, list, activity] = await Promise.all([
      read(`/v1/${kind}/${id}`, answer.position),
      read(`/v1/${kind}?workflowId=${workflowId}&limit=500`, answer.position),
      read(`/v1/activity?entityKind=${kind.slice(0, -1)}&entityId=${id}`, answer.position),
    ]);
    expect([id, detail.status]).toEqual([id, step.status]);
    const listed = (list.items as Array<{ id: string; status: string }>).find((item) => item.id === id);
    expect([id, listed?.status]).toEqual([id, step.status]);
    const recorded = (activity.items as Array<{ eventId: string; type: string; position: number }>).find(
      (item) => item.eventId === own.eventId,
    );
    expect([id, recorded]).toEqual([id, expect.objectContaining({ type: own.type, position: own.position })]);
  }

  /** One writer's rounds; answers the positions of its commands, in order. */
  async function writer(w: number): Promise<number[]> {
    const workflowId = `wf-ryw-${w}`;
    const positions: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const taskId = `t-${w}-${round}`;
      const deploymentId = `d-${w}-${round}`;
      const taskSteps: Step[] = [
        {
          path: '/v1/tasks',
          body: { id: taskId, workflowId, name: taskId, goal: 'read it back', priority: 'medium' },
          status: 'backlog',
          eventType: 'TaskCreated',
        },
        {
          path: `/v1/tasks/${taskId}/start`,
          body: { assignee: { type: 'agent', id: `writer-${w}` } },
          status: 'in_progress',
          eventType: 'TaskStarted',
        },
        {
          path: `/v1/tasks/${taskId}/complete`,
          body: completion,
          status: 'completed',
          eventType: 'TaskCompleted',
        },
      ];
      const deploymentSteps: Step[] = [
        {
          path: '/v1/deployments',
          body: {
            id: deploymentId,
            service: `svc-${w}`,
            environment: 'staging',
            type: 'automatic',
            workflowId,
            taskIds: [taskId],
          },
          status: 'pending',
          eventType: 'DeploymentRequested',
        },
        {
          path: `/v1/deployments/${deploymentId}/complete`,
          body: {},
          status: 'completed',
          eventType: 'DeploymentCompleted',
        },
      ];
      for (const step of taskSteps) {
        const answer = await command(step.path, step.body);
        await expectReflected('tasks', taskId, workflowId, step, answer);
        positions.push(answer.position);
      }
      for (const step of deploymentSteps) {
        const answer = await command(step.path, step.body);
        await expectReflected('deployments', deploymentId, workflowId, step, answer);
        positions.push(answer.position);
      }
    }
    return positions;
  }

  it(`serves every read after each of ${WRITERS * ROUNDS * 5} commands of ${WRITERS} concurrent writers at or past its position`, async () => {
    const positions = await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    expect(positions.map((own) => own.length)).toEqual(Array(WRITERS).fill(ROUNDS * 5));
    // The writers' commands interleaved in the ledger: every writer was still writing when the last
    // one began (one writer after another would prove nothing about load).
    const firsts = positions.map((own) => own[0]);
    const lasts = positions.map((own) => own[own.length - 1]);
    expect(Math.max(...firsts)).toBeLessThan(Math.min(...lasts));
  }, 90_000);
});
