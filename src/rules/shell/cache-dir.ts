/**
 * Where a package manager's download cache goes, and whether a RUN's `--mount=type=cache` (or tmpfs)
 * holds it: a cache in a cache mount never reaches the layer, so "clean the cache" rules are moot
 * there. The cache directory of one command is its flag (`pip --cache-dir`), else its variable
 * (`PIP_CACHE_DIR=... pip install`, an earlier `export` in the script, or an ENV), else the tool's
 * default for root.
 */
import type { Mount } from '../../dockerfile/instructions.js';
import { flagValue } from './command.js';
import type { ShellCommand, ShellScript } from './script.js';

export interface CacheLocation {
  /** Flags whose value is the cache directory. */
  flags: string[];
  /** Environment variables that move it (matched case-insensitively, as npm reads them). */
  env: string[];
  /** Where the tool keeps it for root when nothing moves it. */
  defaults: string[];
}

export const PIP_CACHE: CacheLocation = {
  flags: ['cache-dir'],
  env: ['PIP_CACHE_DIR'],
  defaults: ['/root/.cache/pip'],
};
export const NPM_CACHE: CacheLocation = {
  flags: ['cache'],
  env: ['npm_config_cache'],
  defaults: ['/root/.npm'],
};
/** Yarn 1 as root keeps its cache in /usr/local/share/.cache/yarn (the official node images). */
export const YARN_CACHE: CacheLocation = {
  flags: ['cache-folder'],
  env: ['YARN_CACHE_FOLDER'],
  defaults: ['/usr/local/share/.cache/yarn', '/root/.cache/yarn'],
};

/** Targets of a RUN's `--mount=type=cache` and `--mount=type=tmpfs` (both keep files out of the layer). */
export function cacheMountTargetsOf(run: { mounts: readonly Mount[] }): string[] {
  return run.mounts.flatMap((m) =>
    (m.options.type === 'cache' || m.options.type === 'tmpfs') && m.target ? [m.target] : [],
  );
}

const trimSlashes = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

/** Whether `dir` is a mount target or lies below one. */
export function inCacheMount(targets: readonly string[], dir: string): boolean {
  const d = trimSlashes(dir);
  return targets.map(trimSlashes).some((t) => d === t || d.startsWith(t === '/' ? '/' : `${t}/`));
}

/** `$NAME`/`${NAME}` replaced from `vars`, `~` and `$HOME` as root's home; quotes dropped. */
function expandPath(path: string, vars: ReadonlyMap<string, string>): string {
  return path
    .replace(/^["']|["']$/g, '')
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced, bare) => {
      const name = (braced ?? bare) as string;
      return vars.get(name) ?? (name === 'HOME' ? '/root' : whole);
    })
    .replace(/^~(?=\/|$)/, '/root');
}

/** The value of `NAME=value` for one of `names` (case-insensitive) among `words`, last one winning. */
function assigned(words: readonly string[], names: readonly string[]): string | undefined {
  let value: string | undefined;
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq > 0 && names.some((n) => n.toLowerCase() === word.slice(0, eq).toLowerCase()))
      value = word.slice(eq + 1);
  }
  return value;
}

/**
 * The cache directories `command` (one of `script`'s commands) may write to. `env` holds the ENV and
 * ARG values in effect for the RUN.
 */
export function cacheDirsOf(
  command: ShellCommand,
  script: ShellScript,
  env: ReadonlyMap<string, string>,
  location: CacheLocation,
): string[] {
  const fromFlag = flagValue(command, ...location.flags);
  if (fromFlag !== undefined) return [expandPath(fromFlag, env)];
  const exported = script.commands
    .slice(0, Math.max(script.commands.indexOf(command), 0))
    .filter((c) => c.name === 'export')
    .flatMap((c) => c.args);
  const fromEnv = [...env].filter(([name]) =>
    location.env.some((n) => n.toLowerCase() === name.toLowerCase()),
  );
  const moved =
    assigned(command.assignments, location.env) ??
    assigned(exported, location.env) ??
    fromEnv[fromEnv.length - 1]?.[1];
  return moved !== undefined ? [expandPath(moved, env)] : location.defaults;
}

/** Whether every cache directory `command` may write to is held by one of the RUN's cache mounts. */
export function cacheGoesToMount(
  targets: readonly string[],
  command: ShellCommand,
  script: ShellScript,
  env: ReadonlyMap<string, string>,
  location: CacheLocation,
): boolean {
  if (targets.length === 0) return false;
  const dirs = cacheDirsOf(command, script, env, location);
  return location.defaults === dirs
    ? dirs.some((d) => inCacheMount(targets, d))
    : dirs.every((d) => inCacheMount(targets, d));
}
