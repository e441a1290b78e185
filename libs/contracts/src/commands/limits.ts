/** The documented bounds of every command field (docs/api.md). */
export const LIMITS = {
  name: 200,
  text: 10_000,
  list: 500,
  changedFiles: 10_000,
  checksums: 50_000,
  payloadBytes: 256 * 1024,
  label: 100,
  url: 2048,
} as const;
