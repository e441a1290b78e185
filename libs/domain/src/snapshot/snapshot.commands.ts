import { Command } from '../shared';

export const SNAPSHOT_SUBJECT_TYPES = ['task', 'workflow', 'repository', 'machine', 'environment'] as const;
export type SnapshotSubjectType = (typeof SNAPSHOT_SUBJECT_TYPES)[number];

export const SNAPSHOT_STATUSES = ['ok', 'warning', 'error'] as const;
export type SnapshotStatus = (typeof SNAPSHOT_STATUSES)[number];

/** `git`, `checksum`, or a custom kind matching `SNAPSHOT_KIND_PATTERN`. */
export type SnapshotKind = 'git' | 'checksum' | (string & {});
export const SNAPSHOT_KIND_PATTERN = /^[a-z0-9_.-]+$/;

/** Any JSON value: the shape is the publisher's, versioned by `schemaVersion`. */
export type SnapshotPayload =
  string | number | boolean | null | readonly SnapshotPayload[] | { readonly [key: string]: SnapshotPayload };

export interface SnapshotSubject {
  readonly type: SnapshotSubjectType;
  readonly id: string;
}

export interface GitState {
  /** 7 to 64 hex digits, any case; stored in lowercase. */
  readonly commit: string;
  readonly branch?: string;
  readonly dirty?: boolean;
}

/** File path -> hex digest (any case; stored in lowercase). */
export type Checksums = Readonly<Record<string, string>>;

export interface CaptureSnapshotData {
  readonly snapshotId: string;
  readonly subject: SnapshotSubject;
  readonly kind: SnapshotKind;
  /** Version of the payload's shape, integer >= 1. */
  readonly schemaVersion: number;
  readonly status: SnapshotStatus;
  /** Required when kind is `git`. */
  readonly git?: GitState;
  /** Required and non-empty when kind is `checksum`. */
  readonly checksums?: Checksums;
  readonly payload?: SnapshotPayload;
  /** ISO 8601 time with an offset; defaults to the command's occurredAt. */
  readonly capturedAt?: string;
}

export type CaptureSnapshot = Command<'CaptureSnapshot', CaptureSnapshotData>;

export type SnapshotCommand = CaptureSnapshot;
