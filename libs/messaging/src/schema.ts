/** The messaging tables (migrations/2026-11-22T02-00-00_messaging.ts). */
export interface MessagingDB {
  relay_checkpoints: RelayCheckpointTable;
}

export interface RelayCheckpointTable {
  name: string;
  /** bigint: pg returns it as a string. */
  position: string | number;
  updated_at: Date | string;
}
