/** Debian/Ubuntu package rules: apt-get install hygiene (hadolint DL3008, DL3009, DL3014, DL3015, DL3027). */
import {
  argsNoFlags,
  commandsNamed,
  dropFlagValues,
  hasArg,
  hasFlag,
  isProgram,
  subcommand,
} from '../shell/command.js';
import type { ShellCommand, ShellScript } from '../shell/script.js';
import type { Rule, RuleHit } from '../types.js';
import { cacheMountTargetsOf, inCacheMount } from '../shell/cache-dir.js';
import { hasCacheMount, hitAt, layerShips, runRule, runSteps, unpinned } from './walk.js';
import { shipsInRunnableTarget } from '../multistage/stage-facts.js';

function aptGetInstalls(script: ShellScript): ShellCommand[] {
  return commandsNamed(script, 'apt-get').filter((c) => hasArg(c, 'install'));
}

/** Package words of `apt-get install`, without the value of `-t/--target-release`. */
export function aptGetPackages(command: ShellCommand): string[] {
  return argsNoFlags(
    dropFlagValues(command, ['t', 'target-release', 'o', 'option', 'c', 'config-file']),
  ).filter((a) => a !== 'install');
}

const pinned = (pkg: string) => pkg.includes('=') || pkg.includes('/') || pkg.endsWith('.deb');

export const aptPinVersions = runRule({
  id: 'apt-pin-versions',
  severity: 'info',
  description: 'Pin versions in `apt-get install`: use `apt-get install <package>=<version>`.',
  aliases: ['DL3008'],
  layerHygiene: true,
  flags: (script) =>
    unpinned(
      'apt-get install',
      aptGetInstalls(script).flatMap((c) => aptGetPackages(c).filter((p) => !pinned(p))),
      'apt-get install <package>=<version>',
    ),
});

export const aptAssumeYes = runRule({
  id: 'apt-assume-yes',
  severity: 'warning',
  description: 'Use the `-y` switch with `apt-get install` to avoid manual input.',
  aliases: ['DL3014'],
  flags: (script) =>
    aptGetInstalls(script).some(
      (c) =>
        !hasFlag(c, 'y', 'yes', 'assume-yes') &&
        c.flags.filter((f) => f === 'q' || f === 'quiet').length < 2 &&
        !c.args.includes('-q=2') &&
        !c.args.includes('--quiet=2'),
    ),
});

export const aptNoInstallRecommends = runRule({
  id: 'apt-no-install-recommends',
  severity: 'info',
  description: 'Avoid additional packages by specifying `--no-install-recommends` with `apt-get install`.',
  aliases: ['DL3015'],
  layerHygiene: true,
  flags: (script) =>
    aptGetInstalls(script).some(
      (c) =>
        !hasFlag(c, 'no-install-recommends') &&
        !c.args.some((a) => /^APT::Install-Recommends=(false|0)$/i.test(a)),
    ),
});

export const aptUseAptGet = runRule({
  id: 'apt-use-apt-get',
  severity: 'warning',
  description:
    'Do not use `apt` as it is meant to be an end-user tool; use `apt-get` or `apt-cache` instead.',
  aliases: ['DL3027'],
  flags: (script) => script.commands.some((c) => isProgram(c, 'apt')),
});

/**
 * `apt-get update` leaves ~30 MB of package lists in the layer unless the same RUN deletes
 * `/var/lib/apt/lists/*` (or the lists live in a cache mount). Like hadolint, only stages that end up in
 * an image (the last stage, or a stage another FROM builds on) are flagged: a builder's lists never ship.
 * `apt-get dist-clean` (apt 2.7+, Debian trixie's official images) removes the lists too.
 *
 * Info, as in hadolint, except in the image the build ships (the target's FROM chain, when the target
 * is not a dev or tooling image): there the lists are tens of MB in every pull, so it is a warning.
 */
export const aptCleanLists: Rule = {
  id: 'apt-clean-lists',
  severity: 'info',
  description:
    'Delete the apt-get lists after installing something: `rm -rf /var/lib/apt/lists/*` in the same RUN.',
  aliases: ['DL3009'],
  layerHygiene: true,
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const run of runSteps(ctx)) {
      const { script } = run;
      const updates = commandsNamed(script, 'apt-get', 'apt', 'aptitude').some((c) => hasArg(c, 'update'));
      const cleans =
        commandsNamed(script, 'rm').some((c) => hasArg(c, '-rf') && hasArg(c, '/var/lib/apt/lists/*')) ||
        commandsNamed(script, 'apt-get', 'apt').some((c) => subcommand(c) === 'dist-clean');
      if (!updates || cleans) continue;
      // Lists in a cache mount (on them or on a folder above them) never ship. A mount on /var/lib/apt
      // also needs /var/cache/apt mounted, as hadolint has it: the downloaded archives stay otherwise.
      const mounts = cacheMountTargetsOf(run);
      if (hasCacheMount(run, '/var/lib/apt/lists')) continue;
      if (inCacheMount(mounts, '/var/lib/apt/lists') && !mounts.some((t) => /^\/var\/lib\/apt\/?$/.test(t)))
        continue;
      if (inCacheMount(mounts, '/var/lib/apt') && inCacheMount(mounts, '/var/cache/apt')) continue;
      if (!layerShips(ctx.model, run)) continue;
      const hit = hitAt(run);
      if (!run.onbuild && shipsInRunnableTarget(ctx, run.stage)) {
        hit.severity = 'warning';
        hit.message = `\`apt-get update\` leaves the package lists (tens of MB) in a layer of the image you ship; delete them in the same RUN: \`&& rm -rf /var/lib/apt/lists/*\` (or \`apt-get dist-clean\`).`;
      }
      hits.push(hit);
    }
    return hits;
  },
};
