/** Node.js package rules (hadolint DL3016, DL3060). */
import { argsNoFlags, commandsNamed, dropFlagValues, hasArg, isProgram } from '../shell/command.js';
import { cacheGoesToMount, cacheMountTargetsOf, YARN_CACHE } from '../shell/cache-dir.js';
import type { ShellCommand, ShellScript } from '../shell/script.js';
import type { Rule } from '../types.js';
import { installWithoutCleanAfter } from './rpm.js';
import { hitAt, layerShips, runRule, runSteps, unpinned, variablesAt, type Step } from './walk.js';

/** npm options whose value is the next word (`--registry https://...`), so it is not read as a package. */
const NPM_FLAGS_WITH_VALUES = [
  'loglevel',
  'registry',
  'prefix',
  'cache',
  'userconfig',
  'globalconfig',
  'workspace',
  'w',
  'omit',
  'include',
  'install-strategy',
  'tag',
  'C',
  'location',
  'fetch-retries',
  'fetch-timeout',
];
const GIT_PREFIXES = ['git://', 'git+ssh://', 'git+http://', 'git+https://'];
const PATH_PREFIXES = ['/', './', '../', '~/'];
const TARBALL_SUFFIXES = ['.tar', '.tar.gz', '.tgz'];

/** Packages named by `npm install a b@1` (empty for a plain `npm install` in a package directory). */
export function npmInstallPackages(command: ShellCommand): string[] {
  const words = argsNoFlags(dropFlagValues(command, NPM_FLAGS_WITH_VALUES));
  return words[0] === 'install' ? words.slice(1).filter((w) => w !== 'install') : [];
}

function npmPinned(pkg: string): boolean {
  if (GIT_PREFIXES.some((p) => pkg.startsWith(p))) return pkg.includes('#');
  if (TARBALL_SUFFIXES.some((s) => pkg.endsWith(s))) return true;
  if (PATH_PREFIXES.some((p) => pkg.startsWith(p))) return true;
  // `@scope/name@1.2` is pinned; `@scope/name` is not.
  const unscoped = pkg.startsWith('@') ? pkg.slice(pkg.indexOf('/') + 1) : pkg;
  return unscoped.includes('@');
}

export const npmPinVersions = runRule({
  id: 'npm-pin-versions',
  severity: 'info',
  description:
    'Pin versions in npm: instead of `npm install <package>` use `npm install <package>@<version>`.',
  aliases: ['DL3016'],
  layerHygiene: true,
  flags: (script) =>
    unpinned(
      'npm',
      commandsNamed(script, 'npm')
        .filter((c) => hasArg(c, 'install'))
        .flatMap((c) => npmInstallPackages(c).filter((p) => !npmPinned(p))),
      'npm install <package>@<version>',
    ),
});

/** Every `yarn install` of the RUN keeps its cache (`--cache-folder`, `YARN_CACHE_FOLDER` or the default) in a cache mount. */
function yarnCacheMounted(run: Step & { script: ShellScript }, vars: Map<string, string>): boolean {
  const mounts = cacheMountTargetsOf(run);
  // A mount named for yarn is taken to hold its cache, as before (hadolint does not look at mounts).
  if (mounts.some((t) => t.includes('yarn'))) return true;
  return run.script.commands
    .filter((c) => isProgram(c, 'yarn') && hasArg(c, 'install'))
    .every((c) => cacheGoesToMount(mounts, c, run.script, vars, YARN_CACHE));
}

/** hadolint's DL3060 scope: only layers that ship (see layerShips), and the clean must follow the install. */
export const yarnCacheClean: Rule = {
  id: 'yarn-cache-clean',
  severity: 'info',
  description: '`yarn cache clean` missing after `yarn install` was run: clean the cache in the same RUN.',
  aliases: ['DL3060'],
  layerHygiene: true,
  check(ctx) {
    return runSteps(ctx)
      .filter(
        (run) =>
          installWithoutCleanAfter(
            run.script,
            (c) => isProgram(c, 'yarn') && hasArg(c, 'install'),
            (c) => isProgram(c, 'yarn') && hasArg(c, 'cache') && hasArg(c, 'clean'),
          ) &&
          !yarnCacheMounted(run, variablesAt(ctx.model, run)) &&
          layerShips(ctx.model, run),
      )
      .map((run) => hitAt(run));
  },
};
