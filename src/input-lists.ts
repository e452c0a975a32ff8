/** How list and boolean inputs are written, shared by inputs.ts and build-inputs.ts. */

/** Splits a list input: one item per line, and also per comma unless values may contain commas. */
export function parseList(text: string, options: { commas: boolean }): string[] {
  const lines = text.split(/\r?\n/);
  const items = options.commas ? lines.flatMap((l) => l.split(',')) : lines;
  return items.map((s) => s.trim()).filter((s) => s !== '' && !s.startsWith('#'));
}

export function parseBool(name: string, raw: string, problems: string[]): boolean {
  const v = raw.trim().toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(v)) return true;
  if (['false', 'no', 'off', '0'].includes(v)) return false;
  problems.push(`Input '${name}' is '${raw}'; expected true or false.`);
  return true;
}
