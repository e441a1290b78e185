import { DomainError, notFound, ruleBroken } from './domain-error';

/** How refusals name an entity: "Decision adr-7 does not exist", with the details `{ decisionId: 'adr-7' }`. */
export interface EntityLabel {
  readonly name: string;
  readonly idField: string;
}

export const entityNotFound = (code: string, entity: EntityLabel, id: string): DomainError =>
  notFound(code, `${entity.name} ${id} does not exist`, { [entity.idField]: id });

export const entityAlreadyExists = (code: string, entity: EntityLabel, id: string): DomainError =>
  ruleBroken(code, `${entity.name} ${id} already exists`, { [entity.idField]: id });

export const invalidTransition = (
  code: string,
  entity: EntityLabel,
  id: string,
  from: string,
  to: string,
): DomainError =>
  ruleBroken(code, `${entity.name} ${id} cannot go from ${from} to ${to}`, {
    [entity.idField]: id,
    from,
    to,
  });
