/**
 * Package-manager caches left in a layer the image ships. Only the final stage and the stages it is
 * built FROM matter: a build stage's cache never reaches the image unless copied. Caches hadolint
 * already covers (apt lists DL3009, apk DL3019, pip DL3042, yarn DL3060, yum/dnf/zypper DL3032/DL3040...)
 * are left to those rules. Removing a cache in a later RUN does not help: the earlier layer keeps it.
 * `RUN --mount=type=cache` keeps the cache out of the image altogether and is the preferred fix.
 * Info, except the apk index that `apk update` leaves in an image people run (one that sets its own
 * CMD or ENTRYPOINT): a warning, as the apt lists are (apt-clean-lists).
 */
import type { DockerInstruction as Instruction } from '../../dockerfile/instructions.js';
import type { Rule, RuleHit } from '../types.js';
import { argsAfterSubcommand, hasFlag, isProgram, subcommand } from '../shell/command.js';
import type { ShellCommand } from '../shell/script.js';
import { cacheGoesToMount, NPM_CACHE, type CacheLocation } from '../shell/cache-dir.js';
import { normalised, runCommands } from './package-commands.js';
import {
  endLineOf,
  flagsOf,
  keywordOf,
  lineOf,
  stageChain,
  targetStage,
  targetsDevOrToolingImage,
  isWindowsImage,
  shipsInRunnableTarget,
} from './stage-facts.js';

interface CacheKind {
  /** What fills the cache, for the message. */
  label: string;
  /** Where it lives, for the message and the cache-mount advice. */
  path: string;
  fills(command: ShellCommand): boolean;
  /** The filling command itself avoids the cache (`--no-cache`). */
  avoids?(command: ShellCommand): boolean;
  /** Another rule already reports this RUN's cache (hadolint's DL3019 for `apk add` without --no-cache). */
  reportedElsewhere?(commands: ShellCommand[]): boolean;
  cleans(command: ShellCommand): boolean;
  /** ENV names that turn the cache off or move it. */
  disabledBy?: RegExp;
  /** A `--mount=type=cache` target that holds this cache. */
  mountTarget: RegExp;
  /** Where a command puts the cache (its flag, its variable, the default), checked against the mounts. */
  location?: CacheLocation;
  fix: string;
  /**
   * A warning rather than the rule's info in an image people run (shipsInRunnableTarget): a package
   * index fetched on purpose (`apk update`) and left there is in every pull, like DL3009's apt lists.
   */
  warning?: true;
}

/** `rm` of a path matching `pattern` (`rm -rf /root/.npm`, `rm -rf ~/.cache/*`). */
function removes(command: ShellCommand, pattern: RegExp): boolean {
  return isProgram(command, 'rm') && command.args.some((a) => !a.startsWith('-') && pattern.test(a));
}

/** `~/.cache` or `/root/.cache` as a whole (pip, poetry, uv, go-build all live under it). */
const HOME_CACHE = /^(~|\$\{?HOME\}?|\/root)\/\.cache\/?\*?$/;

const CACHES: CacheKind[] = [
  {
    label: 'npm',
    mountTarget: /\.npm\b/,
    path: '/root/.npm',
    fills: (c) =>
      isProgram(c, 'npm') &&
      ['install', 'i', 'ci', 'clean-install', 'add', 'update'].includes(subcommand(c) ?? ''),
    cleans: (c) => (isProgram(c, 'npm') && subcommand(c) === 'cache') || removes(c, /(^|\/)\.npm(\/|\/\*|$)/),
    disabledBy: /^npm_config_cache$/i,
    location: NPM_CACHE,
    fix: '`&& npm cache clean --force` in the same RUN',
  },
  {
    label: 'pnpm',
    mountTarget: /pnpm/,
    path: '/root/.local/share/pnpm/store',
    fills: (c) => isProgram(c, 'pnpm') && ['install', 'i', 'add'].includes(subcommand(c) ?? ''),
    cleans: (c) =>
      (isProgram(c, 'pnpm') && subcommand(c) === 'store' && argsAfterSubcommand(c)[0] === 'prune') ||
      removes(c, /pnpm(-store|\/store)?\/?\*?$|\.pnpm-store/),
    fix: '`&& pnpm store prune` in the same RUN',
  },
  {
    label: 'go build/module',
    mountTarget: /go-build|\/\.cache\/?$|\/go\/pkg|\/pkg\/mod/,
    path: '/root/.cache/go-build',
    fills: (c) => isProgram(c, 'go') && ['build', 'install', 'get', 'test'].includes(subcommand(c) ?? ''),
    cleans: (c) =>
      // Go's flags are single-dash words (`-cache`), not letter groups.
      (isProgram(c, 'go') && subcommand(c) === 'clean' && c.args.some((a) => /^--?(mod)?cache$/.test(a))) ||
      removes(c, HOME_CACHE) ||
      removes(c, /go-build|\/pkg\/mod\/?\*?$/),
    disabledBy: /^GOCACHE$/,
    fix: '`&& go clean -cache -modcache` in the same RUN',
  },
  {
    label: 'poetry',
    mountTarget: /pypoetry|\/\.cache\/?$/,
    path: '/root/.cache/pypoetry',
    fills: (c) =>
      isProgram(c, 'poetry') && ['install', 'add', 'update', 'sync'].includes(subcommand(c) ?? ''),
    avoids: (c) => hasFlag(c, 'no-cache'),
    cleans: (c) => removes(c, HOME_CACHE) || removes(c, /pypoetry/),
    disabledBy: /^POETRY_(CACHE_DIR|NO_CACHE)$/,
    fix: '`--no-cache`, or `&& rm -rf /root/.cache/pypoetry` in the same RUN',
  },
  {
    label: 'uv',
    mountTarget: /\/uv\b|\/\.cache\/?$/,
    path: '/root/.cache/uv',
    fills: (c) =>
      isProgram(c, 'uv') &&
      (['sync', 'add'].includes(subcommand(c) ?? '') || (c.args[0] === 'pip' && c.args[1] === 'install')),
    avoids: (c) => hasFlag(c, 'no-cache', 'n'),
    cleans: (c) =>
      (isProgram(c, 'uv') && c.args[0] === 'cache') || removes(c, HOME_CACHE) || removes(c, /\.cache\/uv/),
    disabledBy: /^UV_(NO_CACHE|CACHE_DIR)$/,
    fix: '`--no-cache` (or `ENV UV_NO_CACHE=1`)',
  },
  {
    label: 'composer',
    mountTarget: /composer/,
    path: '/root/.composer/cache',
    fills: (c) => isProgram(c, 'composer') && ['install', 'require', 'update'].includes(subcommand(c) ?? ''),
    avoids: (c) => hasFlag(c, 'no-cache'),
    cleans: (c) =>
      (isProgram(c, 'composer') && ['clear-cache', 'clearcache', 'cc'].includes(subcommand(c) ?? '')) ||
      removes(c, /composer(\/cache)?\/?\*?$/) ||
      removes(c, HOME_CACHE),
    disabledBy: /^COMPOSER_(CACHE_DIR|NO_CACHE)$/,
    fix: '`--no-cache`, or `&& composer clear-cache` in the same RUN',
  },
  {
    // `apk update` writes the package index to /var/cache/apk; `apk add --no-cache` afterwards does
    // not remove it. `apk add` without --no-cache is DL3019's (apk-no-cache) finding.
    label: 'apk index',
    mountTarget: /^\/(var\/cache\/apk|etc\/apk\/cache)\/?$/,
    path: '/var/cache/apk',
    fills: (c) => isProgram(c, 'apk') && subcommand(c) === 'update',
    cleans: (c) =>
      (isProgram(c, 'apk') && subcommand(c) === 'cache' && argsAfterSubcommand(c)[0] === 'clean') ||
      removes(c, /^\/var\/cache\/apk(\/\*?)?$/),
    reportedElsewhere: (commands) =>
      commands.some((c) => isProgram(c, 'apk') && subcommand(c) === 'add' && !hasFlag(c, 'no-cache')),
    warning: true,
    fix: '`apk add --no-cache` without `apk update` (it fetches a fresh index itself), or `&& rm -rf /var/cache/apk/*` in the same RUN',
  },
  {
    label: 'cargo registry',
    mountTarget: /cargo/,
    path: '/usr/local/cargo/registry',
    fills: (c) => isProgram(c, 'cargo') && ['install', 'build', 'fetch'].includes(subcommand(c) ?? ''),
    cleans: (c) => removes(c, /cargo\/(registry|git)/),
    fix: '`&& rm -rf $CARGO_HOME/registry $CARGO_HOME/git` in the same RUN',
  },
];

/** ENV names and values set in the instructions before `line` (a cache disabled or moved by environment). */
function envBefore(instructions: Instruction[], line: number): Map<string, string> {
  const names = new Map<string, string>();
  for (const instruction of instructions) {
    if (lineOf(instruction) >= line) break;
    if (keywordOf(instruction) !== 'ENV') continue;
    for (const p of instruction.properties ?? []) names.set(p.name, p.value ?? '');
  }
  return names;
}

export const cacheNotCleaned: Rule = {
  id: 'cache-not-cleaned',
  severity: 'info',
  description:
    'A package-manager cache (npm, pnpm, go, poetry, uv, composer, cargo, the apk index) is left in a layer of the final image; clean it in the same RUN or use `RUN --mount=type=cache`.',
  aliases: [],
  layerHygiene: true,
  check(ctx) {
    const target = targetStage(ctx);
    if (!target || targetsDevOrToolingImage(ctx)) return [];
    const chain = stageChain(ctx.model.graph, target.index);
    // Windows images keep caches elsewhere (%LOCALAPPDATA%); the paths and fixes here are Linux ones.
    if (isWindowsImage(chain[0]?.base ?? '')) return [];
    const instructions = chain.flatMap((s) => s.steps);
    const hits: RuleHit[] = [];
    for (const instruction of instructions) {
      if (keywordOf(instruction) !== 'RUN') continue;
      // A cache (or tmpfs) mount over the cache directory keeps it out of the layer.
      const mountTargets = flagsOf(instruction)
        .filter((f) => f.name === 'mount' && /(^|,)type=(cache|tmpfs)(,|$)/.test(f.value ?? ''))
        .map((f) => /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(f.value ?? '')?.[1] ?? '');
      const commands = runCommands(instruction).map(normalised);
      const script = { text: '', commands, hasPipe: false, pipes: [] };
      const envValues = envBefore(instructions, lineOf(instruction));
      const env = [...envValues.keys()];
      const left = CACHES.filter((cache) => {
        const fillers = commands.filter((c) => cache.fills(c));
        if (fillers.length === 0 || fillers.every((c) => cache.avoids?.(c) ?? false)) return false;
        if (cache.reportedElsewhere?.(commands)) return false;
        if (mountTargets.some((t) => cache.mountTarget.test(t))) return false;
        const { location } = cache;
        if (location && fillers.every((c) => cacheGoesToMount(mountTargets, c, script, envValues, location)))
          return false;
        if (
          fillers.some((c) =>
            c.assignments.some((a) => cache.disabledBy?.test(a.split('=')[0] ?? '') ?? false),
          )
        )
          return false;
        if (env.some((name) => cache.disabledBy?.test(name) ?? false)) return false;
        return !commands.some((c) => cache.cleans(c));
      });
      if (left.length === 0) continue;
      const what = left.map((c) => `${c.label} cache (${c.path})`).join(', ');
      const fixes = left.map((c) => c.fix).join('; ');
      hits.push({
        line: lineOf(instruction),
        endLine: endLineOf(instruction),
        ...(left.some((c) => c.warning) && shipsInRunnableTarget(ctx, instruction.stage)
          ? { severity: 'warning' as const }
          : {}),
        message: `This RUN leaves the ${what} in a layer of the final image; use ${fixes}, or \`RUN --mount=type=cache,target=${left[0]?.path}\`.`,
      });
    }
    return hits;
  },
};
