/** `--name value` from a benchmark's arguments, as a positive whole number; `fallback` when absent. */
export function countOption(args: readonly string[], name: string, fallback: number): number {
  const raw = valueOf(args, name);
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} takes a whole number >= 1, not '${raw}'`);
  return value;
}

/** `--name 1,2,3` as positive whole numbers; `fallback` when absent. */
export function countsOption(args: readonly string[], name: string, fallback: readonly number[]): number[] {
  const raw = valueOf(args, name);
  if (raw === undefined) return [...fallback];
  return raw.split(',').map((part) => countOption([`--${name}`, part.trim()], name, 0));
}

function valueOf(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}
