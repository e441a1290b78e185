import {
  DECISION_EVENT_TYPES,
  DEPLOYMENT_EVENT_TYPES,
  SNAPSHOT_EVENT_TYPES,
  TASK_EVENT_TYPES,
  WORKFLOW_EVENT_TYPES,
} from '@annals/domain';
import { EVENT_CATALOG } from '.';
import { JSON_SCHEMA_DIALECT } from './json-schema';

const DOMAIN_EVENT_TYPES: Record<string, readonly string[]> = {
  workflow: WORKFLOW_EVENT_TYPES,
  task: TASK_EVENT_TYPES,
  decision: DECISION_EVENT_TYPES,
  snapshot: SNAPSHOT_EVENT_TYPES,
  deployment: DEPLOYMENT_EVENT_TYPES,
};

describe('the event catalog covers the domain', () => {
  it.each(Object.entries(DOMAIN_EVENT_TYPES))(
    'has every %s event, under its aggregate',
    (aggregate, types) => {
      for (const type of types) expect(EVENT_CATALOG.find(type)?.aggregate).toBe(aggregate);
    },
  );

  it('has no event the domain does not produce', () => {
    const domainTypes = Object.values(DOMAIN_EVENT_TYPES).flat().sort();
    expect(
      EVENT_CATALOG.all()
        .map((definition) => definition.type)
        .sort(),
    ).toEqual(domainTypes);
  });

  it.each(EVENT_CATALOG.all().map((definition) => [definition.type, definition] as const))(
    '%s has a draft 2020-12 schema of a closed object, named by type and version, and a description',
    (type, definition) => {
      expect(definition.schema).toMatchObject({
        $schema: JSON_SCHEMA_DIALECT,
        $id: `urn:annals:event:${type}:${definition.schemaVersion}`,
        title: type,
        type: 'object',
        additionalProperties: false,
      });
      expect(definition.description).toMatch(/^[A-Z].{10,}\.$/);
      expect(definition.description).not.toContain('\n');
    },
  );
});
