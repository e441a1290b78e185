import {
  GitState,
  SNAPSHOT_KIND_PATTERN,
  SNAPSHOT_STATUSES,
  SNAPSHOT_SUBJECT_TYPES,
  SnapshotEvent,
  SnapshotSubject,
} from '@annals/domain';
import { LIMITS } from '../commands/limits';
import { aggregateEvents } from './event-definition';
import { ID, NAME, TIME } from './event-fields';
import { anyJson, boolean, integer, mapOf, object, oneOf, optional, string } from './json-schema';

/** Hex is stored in lowercase (see the snapshot decider). */
const commit = string({ pattern: /^[0-9a-f]{7,64}$/ });
const digest = string({ pattern: /^[0-9a-f]{8,128}$/ });

export const SNAPSHOT_EVENTS = aggregateEvents<SnapshotEvent>('snapshot', {
  SnapshotCaptured: {
    description:
      'The state of a code base (git commit or file checksums), a machine or an environment; immutable.',
    data: {
      snapshotId: ID,
      subject: object<SnapshotSubject>({ type: oneOf(SNAPSHOT_SUBJECT_TYPES), id: NAME }),
      kind: string({ pattern: SNAPSHOT_KIND_PATTERN, maxLength: LIMITS.name }),
      schemaVersion: integer({ minimum: 1 }),
      status: oneOf(SNAPSHOT_STATUSES),
      git: optional(object<GitState>({ commit, branch: optional(NAME), dirty: optional(boolean()) })),
      checksums: optional(mapOf(digest, { maxProperties: LIMITS.checksums })),
      payload: optional(anyJson()),
      capturedAt: TIME,
    },
  },
});
