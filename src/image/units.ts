/** Byte sizes as users write them in budgets: SI units are powers of 1000, IEC units powers of 1024. */
const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  k: 1e3,
  m: 1e6,
  g: 1e9,
  t: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** Parses `200MB`, `1.5GiB`, `3145728` (bytes). Returns undefined when the text is not a size. */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return undefined;
  const unit = m[2].toLowerCase() || 'b';
  const factor = UNITS[unit];
  if (factor === undefined) return undefined;
  return Math.round(Number(m[1]) * factor);
}

/**
 * Formats bytes for people: `212.4 MB`, `3.15 MB`, `950 B` (SI, as `docker images` shows sizes).
 * Four significant digits at most, so a budget message shows why 200.4 MB is over 200MB.
 */
export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  let n = Math.abs(bytes);
  if (n < 1000) return `${sign}${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let i = -1;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${sign}${n.toFixed(n >= 10 ? 1 : 2)} ${units[i]}`;
}

/** `212,400,000`: exact byte counts next to the rounded figure. */
export function formatByteCount(bytes: number): string {
  return Math.round(bytes).toLocaleString('en-US');
}
