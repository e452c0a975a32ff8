/** Alpine package rules (hadolint DL3018, DL3019). */
import { argsNoFlags, commandsNamed, dropFlagValues, hasArg, hasFlag } from '../shell/command.js';
import type { ShellCommand, ShellScript } from '../shell/script.js';
import { cacheMountTargetsOf, inCacheMount } from '../shell/cache-dir.js';
import { runRule, unpinned, type Step } from './walk.js';

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

export const apkNoCache = runRule({
  id: 'apk-no-cache',
  severity: 'info',
  description:
    'Use the `--no-cache` switch with `apk add` to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages.',
  aliases: ['DL3019'],
  layerHygiene: true,
  flags: (script, step) => !apkCacheMounted(step) && apkAdds(script).some((c) => !hasFlag(c, 'no-cache')),
});
