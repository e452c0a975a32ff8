/** Python package rules (hadolint DL3013, DL3042). */
import { argsNoFlags, dropFlagValues, hasArg, hasFlag } from '../shell/command.js';
import { basename, type ShellCommand } from '../shell/script.js';
import type { Rule, RuleHit } from '../types.js';
import { cacheGoesToMount, cacheMountTargetsOf, PIP_CACHE } from '../shell/cache-dir.js';
import { hitAt, runRule, runSteps, unpinned, unquote, variablesAt } from './walk.js';

/**
 * `pip install`, `pip3 install`, `python -m pip install` (also `python3.12 -m pip install`). With
 * `includePipx`, `pipx install` too (it takes pinned specs like pip, but keeps no pip cache).
 */
export function isPipInstall(command: ShellCommand, includePipx = false): boolean {
  const name = basename(command.name);
  if ((/^pip[0-9.]*$/.test(name) || (includePipx && name === 'pipx')) && hasArg(command, 'install'))
    return true;
  if (name.startsWith('python')) {
    const m = command.args.indexOf('-m');
    return m !== -1 && command.args[m + 1] === 'pip' && command.args.slice(m + 2).includes('install');
  }
  return false;
}

/** Flags of pip install whose value is the next word. */
const PIP_FLAGS_WITH_VALUES = [
  'abi',
  'b',
  'build',
  'e',
  'editable',
  'extra-index-url',
  'f',
  'find-links',
  'i',
  'index-url',
  'implementation',
  'no-binary',
  'only-binary',
  'platform',
  'prefix',
  'progress-bar',
  'proxy',
  'python-version',
  'root',
  'src',
  't',
  'target',
  'trusted-host',
  'upgrade-strategy',
  'root-user-action',
  'cache-dir',
  'log',
  'timeout',
  'retries',
  'cert',
  'client-cert',
  'exists-action',
  'report',
  'config-settings',
  'C',
  'global-option',
  'keyring-provider',
  'python',
];
const VCS = /^(git|hg|svn|bzr)(\+[a-z-]+)?(:|$)/;
const VERSION_SYMBOLS = ['==', '>=', '<=', '>', '<', '!=', '~=', '==='];

export function pipPackages(command: ShellCommand): string[] {
  const words = argsNoFlags(dropFlagValues(command, PIP_FLAGS_WITH_VALUES));
  return words.slice(words.indexOf('install') + 1).filter((w) => w !== 'install');
}

function pipPinned(pkg: string): boolean {
  const vcs = VCS.test(pkg);
  return (
    VERSION_SYMBOLS.some((s) => pkg.includes(s)) ||
    (vcs && pkg.includes('@')) ||
    pkg.endsWith('.whl') ||
    pkg.endsWith('.tar.gz') ||
    (!vcs && pkg.includes('/'))
  );
}

export const pipPinVersions = runRule({
  id: 'pip-pin-versions',
  severity: 'info',
  description:
    'Pin versions in pip: instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`.',
  aliases: ['DL3013'],
  layerHygiene: true,
  flags: (script) =>
    unpinned(
      'pip',
      script.commands
        .filter(
          (c) =>
            isPipInstall(c, true) && !hasFlag(c, 'constraint', 'c') && !hasArg(c, '--requirement', '-r', '.'),
        )
        .flatMap((c) => pipPackages(c).filter((p) => !pipPinned(p))),
      'pip install <package>==<version>',
    ),
});

/**
 * `pip install` keeps its download cache (often larger than what it installs) in the layer unless
 * `--no-cache-dir` is given, `PIP_NO_CACHE_DIR` is truthy (ENV of the stage or the stages it is built
 * FROM, `export` or an assignment in the RUN), or the cache directory (`--cache-dir`, `PIP_CACHE_DIR`,
 * else `/root/.cache/pip`) is in a cache/tmpfs mount of the RUN.
 */
export const pipNoCacheDir: Rule = {
  id: 'pip-no-cache-dir',
  severity: 'warning',
  description: 'Avoid keeping the pip cache in the image: use `pip install --no-cache-dir <package>`.',
  aliases: ['DL3042'],
  layerHygiene: true,
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const run of runSteps(ctx)) {
      if (!run.script.commands.some((c) => isPipInstall(c))) continue;
      const vars = variablesAt(ctx.model, run);
      const mounts = cacheMountTargetsOf(run);
      const envValue = vars.get('PIP_NO_CACHE_DIR');
      let disabled = envValue !== undefined && truthy(envValue);
      for (const c of run.script.commands) {
        const exported = c.name === 'export' ? c.args : [];
        for (const assignment of [...c.assignments, ...exported]) {
          const m = /^PIP_NO_CACHE_DIR=(.*)$/.exec(assignment);
          if (m) disabled = truthy(m[1] ?? '');
        }
        if (
          isPipInstall(c) &&
          !hasFlag(c, 'no-cache-dir') &&
          !disabled &&
          !cacheGoesToMount(mounts, c, run.script, vars, PIP_CACHE)
        ) {
          hits.push(hitAt(run));
          break;
        }
      }
    }
    return hits;
  },
};

/** pip reads boolean options from the environment as 1/true/on/yes. */
const truthy = (value: string) => /^(1|true|on|yes)$/i.test(unquote(value));
