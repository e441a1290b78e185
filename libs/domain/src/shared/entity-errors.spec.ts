import { EntityLabel, entityAlreadyExists, entityNotFound, invalidTransition } from './entity-errors';

const TASK: EntityLabel = { name: 'Task', idField: 'taskId' };

describe('entity errors', () => {
  it.each([
    ['entityNotFound', entityNotFound, 'not_found', 'Task t-1 does not exist'],
    ['entityAlreadyExists', entityAlreadyExists, 'rule', 'Task t-1 already exists'],
  ] as const)('%s names the entity and keys the details by its id field', (_name, refusal, kind, message) => {
    const error = refusal('task.some_code', TASK, 't-1');

    expect(error).toMatchObject({ code: 'task.some_code', kind, message });
    expect(error.details).toStrictEqual({ taskId: 't-1' });
  });

  it('invalidTransition reports where the entity stood and where it was asked to go', () => {
    const error = invalidTransition('task.invalid_transition', TASK, 't-1', 'done', 'open');

    expect(error).toMatchObject({ kind: 'rule', message: 'Task t-1 cannot go from done to open' });
    expect(error.details).toStrictEqual({ taskId: 't-1', from: 'done', to: 'open' });
  });
});
