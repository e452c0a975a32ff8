/** Alpine package rules (hadolint DL3018, DL3019). */
import { argsNoFlags, commandsNamed, dropFlagValues, hasArg, hasFlag, subcommand } from '../shell/command.js';
import type { ShellCommand, ShellScript } from '../shell/script.js';
import { cacheMountTargetsOf, inCacheMount } from '../shell/cache-dir.js';
import type { Rule, RuleHit } from '../types.js';
import { shipsInRunnableTarget } from '../multistage/stage-facts.js';
import { hitAt, runRule, runSteps, unpinned, type Step } from './walk.js';

function apkAdds(script: ShellScript): ShellCommand[] {
  return commandsNamed(script, 'apk').filter((c) => hasArg(c, 'add'));
}

/** Package words of `apk add`, without the values of `-t/--virtual` and `-X/--repository`. */
export function apkPackages(command: ShellCommand): string[] {
  return argsNoFlags(dropFlagValues(command, ['t', 'virtual', 'X', 'repository'])).filter((a) => a !== 'add');
}

export const apkPinVersions = runRule({
  id: 'apk-pin-versions',
  severity: 'info',
  description: 'Pin versions in `apk add`: instead of `apk add <package>` use `apk add <package>=<version>`.',
  aliases: ['DL3018'],
  layerHygiene: true,
  flags: (script) =>
    unpinned(
      'apk add',
      apkAdds(script).flatMap((c) => apkPackages(c).filter((p) => !/[=~<>]/.test(p) && !p.endsWith('.apk'))),
      'apk add <package>=<version>',
    ),
});

/**
 * A cache mount on apk's cache (`/var/cache/apk`, or `/etc/apk/cache`, the link apk reads) keeps the
 * index and packages out of the layer, which is what `--no-cache` is for.
 */
function apkCacheMounted(run: Step): boolean {
  const mounts = cacheMountTargetsOf(run);
  return ['/var/cache/apk', '/etc/apk/cache'].some((dir) => inCacheMount(mounts, dir));
}

/** `apk update`, or `apk add --update`/`-U`: the RUN fetches the package index on purpose. */
function updatesIndex(script: ShellScript): boolean {
  return commandsNamed(script, 'apk').some((c) => subcommand(c) === 'update' || hasFlag(c, 'update', 'U'));
}

/**
 * `apk add` without `--no-cache` leaves the package index in `/var/cache/apk`. Info, as in hadolint,
 * except when the RUN updates the index on purpose (`apk update`, `--update`) in the image the build
 * ships (the target's FROM chain, the target not a dev or tooling image): a warning there.
 */
export const apkNoCache: Rule = {
  id: 'apk-no-cache',
  severity: 'info',
  description:
    'Use the `--no-cache` switch with `apk add` to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages.',
  aliases: ['DL3019'],
  layerHygiene: true,
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const run of runSteps(ctx)) {
      if (apkCacheMounted(run) || !apkAdds(run.script).some((c) => !hasFlag(c, 'no-cache'))) continue;
      const hit = hitAt(run);
      if (!run.onbuild && updatesIndex(run.script) && shipsInRunnableTarget(ctx, run.stage)) {
        hit.severity = 'warning';
        hit.message =
          'This RUN updates the apk index and leaves it in `/var/cache/apk`, in a layer of the image you ship; use `apk add --no-cache` (it fetches a fresh index itself) instead of `apk update`/`--update`.';
      }
      hits.push(hit);
    }
    return hits;
  },
};
