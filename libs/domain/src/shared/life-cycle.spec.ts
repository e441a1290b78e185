import { DomainError, notFound, ruleBroken } from './domain-error';
import { LifeCycle, Nonexistent, requireTransition } from './life-cycle';

type LightStatus = 'red' | 'green' | 'broken';
type Light = Nonexistent | { readonly status: LightStatus };

const LIGHT: LifeCycle<LightStatus> = {
  transitions: { red: ['green', 'broken'], green: ['red'], broken: [] },
  notFound: (id) => notFound('light.not_found', `Light ${id} does not exist`, { lightId: id }),
  invalidTransition: (id, from, to) =>
    ruleBroken('light.invalid_transition', 'no', { lightId: id, from, to }),
};

const refusalOf = (state: Light, to: LightStatus): DomainError | undefined => {
  try {
    requireTransition(LIGHT, state, 'l-1', to);
  } catch (error) {
    return error as DomainError;
  }
  return undefined;
};

describe('requireTransition', () => {
  it('lets through a move the life cycle lists', () => {
    expect(refusalOf({ status: 'red' }, 'green')).toBeUndefined();
  });

  it('refuses a move the life cycle does not list, with its invalidTransition', () => {
    expect(refusalOf({ status: 'green' }, 'broken')).toMatchObject({
      code: 'light.invalid_transition',
      kind: 'rule',
      details: { lightId: 'l-1', from: 'green', to: 'broken' },
    });
  });

  it('refuses any move of an entity that does not exist, with its notFound', () => {
    expect(refusalOf({ status: 'nonexistent' }, 'green')).toMatchObject({
      code: 'light.not_found',
      kind: 'not_found',
    });
  });
});
