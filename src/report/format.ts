/** Numbers as a reviewer reads them in the comment: sizes, signed changes, durations, line links. */
import { formatBytes } from '../image/units.js';

export { formatBytes };

/** `+1.20 MB`, `-340 kB`, `0 B`: always signed so growth and shrinkage read at a glance. */
export function formatSignedBytes(bytes: number): string {
  if (bytes === 0) return '0 B';
  return bytes > 0 ? `+${formatBytes(bytes)}` : formatBytes(bytes);
}

/** `+3.6%`, `-0.4%`, `+<0.1%`; empty when there is no base to compare with. */
export function formatPercent(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '';
  if (percent === 0) return '0%';
  const sign = percent > 0 ? '+' : '-';
  const abs = Math.abs(percent);
  if (abs < 0.1) return `${sign}<0.1%`;
  return `${sign}${abs.toFixed(abs >= 100 ? 0 : 1)}%`;
}

/** `+1.20 MB (+3.6%)` */
export function formatChange(bytes: number, percent: number | null | undefined): string {
  const pct = formatPercent(percent);
  return pct ? `${formatSignedBytes(bytes)} (${pct})` : formatSignedBytes(bytes);
}

/** `850 ms`, `12.3 s`, `2m 05s`, `1h 02m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const totalSeconds = Math.round(s);
  const m = Math.floor(totalSeconds / 60);
  if (m < 60) return `${m}m ${String(totalSeconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export interface LinkBase {
  serverUrl?: string;
  repository?: string;
  sha?: string;
}

/** The Dockerfile path as it appears in the repository, or undefined when it is not inside it. */
export function repoPath(file: string): string | undefined {
  const p = file
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/{2,}/g, '/');
  if (p === '' || p.startsWith('/') || p.split('/').includes('..')) return undefined;
  return p;
}

/** `{serverUrl}/{repository}/blob/{sha}/{file}#L{line}` at the head commit, when all parts are known. */
export function lineUrl(base: LinkBase, file: string, line?: number, endLine?: number): string | undefined {
  const path = repoPath(file);
  if (!base.serverUrl || !base.repository || !base.sha || !path) return undefined;
  if (!/^[\w.-]+\/[\w.-]+$/.test(base.repository) || !/^[0-9a-f]{7,64}$/i.test(base.sha)) return undefined;
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  const anchor = line ? `#L${line}${endLine && endLine > line ? `-L${endLine}` : ''}` : '';
  return `${base.serverUrl.replace(/\/+$/, '')}/${base.repository}/blob/${base.sha}/${encoded}${anchor}`;
}
