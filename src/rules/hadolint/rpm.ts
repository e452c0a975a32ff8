/** RPM-family package rules: yum, dnf/microdnf, zypper (hadolint DL3030-DL3041). */
import { argsNoFlags, commandsNamed, hasArg, hasFlag, isProgram } from '../shell/command.js';
import type { ShellCommand, ShellScript } from '../shell/script.js';
import type { Rule, RuleHit } from '../types.js';
import { hasCacheMount, hitAt, runRule, runSteps, substitute, unpinned, variablesAt } from './walk.js';

const YUM_INSTALLS = ['install', 'groupinstall', 'localinstall', 'reinstall'];
const DNF = ['dnf', 'microdnf'];
const DNF_INSTALLS = ['install', 'in', 'upgrade', 'up', 'upgrade-minimal', 'up-min', 'reinstall', 'rei'];
const ZYPPER_INTERACTIVE = ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'];

function withSubcommand(script: ShellScript, programs: string[], subs: string[]): ShellCommand[] {
  return commandsNamed(script, ...programs).filter((c) => subs.some((s) => hasArg(c, s)));
}

/**
 * True when the script installs and no cleaning command follows the first install: a clean before
 * the install (`yum clean all && yum install`) leaves the fresh cache in the layer.
 */
export function installWithoutCleanAfter(
  script: ShellScript,
  isInstall: (c: ShellCommand) => boolean,
  isClean: (c: ShellCommand) => boolean,
): boolean {
  const firstInstall = script.commands.findIndex(isInstall);
  if (firstInstall === -1) return false;
  return !script.commands.slice(firstInstall + 1).some(isClean);
}

const removes = (c: ShellCommand, dir: string) => isProgram(c, 'rm') && c.args.some((a) => a.startsWith(dir));

export const yumAssumeYes = runRule({
  id: 'yum-assume-yes',
  severity: 'warning',
  description: 'Use the `-y` switch to avoid manual input: `yum install -y <package>`.',
  aliases: ['DL3030'],
  flags: (script) => withSubcommand(script, ['yum'], YUM_INSTALLS).some((c) => !hasFlag(c, 'y', 'assumeyes')),
});

export const yumCleanAll = runRule({
  id: 'yum-clean-all',
  severity: 'warning',
  description: '`yum clean all` missing after a yum command: run it in the same RUN, after the install.',
  aliases: ['DL3032'],
  layerHygiene: true,
  flags: (script, step) =>
    !hasCacheMount(step, '/var/cache/yum') &&
    installWithoutCleanAfter(
      script,
      (c) => isProgram(c, 'yum') && YUM_INSTALLS.some((s) => hasArg(c, s)),
      (c) => (isProgram(c, 'yum') && hasArg(c, 'clean') && hasArg(c, 'all')) || removes(c, '/var/cache/yum'),
    ),
});

/**
 * Unpinned packages of `yum|dnf [module] install`: a package is pinned by `-<digit>` (`tomcat-9.2`,
 * `openssl-1:1.1.1k`) or an `.rpm` file; a module by `:<stream>`. `group install` is left alone.
 * Variables are resolved from ARG/ENV first, so `git-core-${version}` is judged by its value.
 */
function unpinnedRpmPackages(command: ShellCommand, vars: Map<string, string>): string[] {
  if (hasArg(command, 'group', 'groupinstall')) return [];
  const module = hasArg(command, 'module');
  const words = argsNoFlags(command).filter((w) => w !== 'module' && w !== 'install' && w !== 'in');
  return words.filter((w) => {
    const pkg = substitute(w, vars);
    return module ? !pkg.includes(':') : !/-\d/.test(pkg) && !pkg.endsWith('.rpm');
  });
}

function rpmPinRule(id: string, alias: string, programs: string[], example: string): Rule {
  return {
    id,
    // Version pins are noise-class (issue 14): reported, but below warning unless configured.
    severity: 'info',
    description: `Specify versions with \`${example}\`.`,
    aliases: [alias],
    layerHygiene: true,
    check(ctx) {
      const hits: RuleHit[] = [];
      for (const run of runSteps(ctx)) {
        const installs = withSubcommand(run.script, programs, ['install', 'in']);
        if (installs.length === 0) continue;
        const vars = variablesAt(ctx.model, run);
        const message = unpinned(
          programs.join('/'),
          installs.flatMap((c) => unpinnedRpmPackages(c, vars)),
          example,
        );
        if (message) hits.push(hitAt(run, message));
      }
      return hits;
    },
  };
}

export const yumPinVersions = rpmPinRule(
  'yum-pin-versions',
  'DL3033',
  ['yum'],
  'yum install -y <package>-<version>',
);

export const dnfAssumeYes = runRule({
  id: 'dnf-assume-yes',
  severity: 'warning',
  description: 'Use the `-y` switch to avoid manual input: `dnf install -y <package>`.',
  aliases: ['DL3038'],
  flags: (script) =>
    withSubcommand(script, DNF, ['install', 'in', 'groupinstall', 'localinstall', 'reinstall']).some(
      (c) => !hasFlag(c, 'y', 'assumeyes'),
    ),
});

export const dnfCleanAll = runRule({
  id: 'dnf-clean-all',
  severity: 'warning',
  description: '`dnf clean all` missing after a dnf command: run it in the same RUN, after the install.',
  aliases: ['DL3040'],
  layerHygiene: true,
  flags: (script, step) =>
    !hasCacheMount(step, '/var/cache/dnf') &&
    !hasCacheMount(step, '/var/cache/libdnf5') &&
    // Each tool cleans its own metadata: `dnf install && microdnf clean all` leaves dnf's cache.
    DNF.some((tool) =>
      installWithoutCleanAfter(
        script,
        (c) => isProgram(c, tool) && DNF_INSTALLS.some((s) => hasArg(c, s)),
        (c) =>
          (isProgram(c, tool) && hasArg(c, 'clean') && hasArg(c, 'all')) ||
          removes(c, '/var/cache/yum') ||
          removes(c, '/var/cache/dnf') ||
          removes(c, '/var/cache/libdnf5'),
      ),
    ),
});

export const dnfPinVersions = rpmPinRule(
  'dnf-pin-versions',
  'DL3041',
  DNF,
  'dnf install -y <package>-<version>',
);

export const zypperNonInteractive = runRule({
  id: 'zypper-non-interactive',
  severity: 'warning',
  description: 'Non-interactive switch missing from a `zypper` command: use `zypper install -y`.',
  aliases: ['DL3034'],
  flags: (script) =>
    withSubcommand(script, ['zypper'], ZYPPER_INTERACTIVE).some(
      (c) => !hasFlag(c, 'non-interactive', 'n', 'no-confirm', 'y'),
    ),
});

export const zypperNoDistUpgrade = runRule({
  id: 'zypper-no-dist-upgrade',
  severity: 'warning',
  description: 'Do not use `zypper dist-upgrade`: pick a base image with the packages you need instead.',
  aliases: ['DL3035'],
  flags: (script) => withSubcommand(script, ['zypper'], ['dist-upgrade', 'dup']).length > 0,
});

export const zypperClean = runRule({
  id: 'zypper-clean',
  severity: 'warning',
  description: '`zypper clean` missing after zypper use: run it in the same RUN, after the install.',
  aliases: ['DL3036'],
  layerHygiene: true,
  flags: (script, step) =>
    !hasCacheMount(step, '/var/cache/zypp') &&
    installWithoutCleanAfter(
      script,
      (c) => isProgram(c, 'zypper') && hasArg(c, 'install', 'in'),
      (c) => (isProgram(c, 'zypper') && hasArg(c, 'clean', 'cc')) || removes(c, '/var/cache/zypp'),
    ),
});

export const zypperPinVersions = runRule({
  id: 'zypper-pin-versions',
  severity: 'info',
  description: 'Specify versions with `zypper install -y <package>[=]<version>`.',
  aliases: ['DL3037'],
  layerHygiene: true,
  flags: (script) =>
    unpinned(
      'zypper install',
      withSubcommand(script, ['zypper'], ['install', 'in']).flatMap((c) =>
        argsNoFlags(c)
          .filter((w) => w !== 'install' && w !== 'in')
          .filter((p) => !/[=<>]/.test(p) && !p.endsWith('.rpm')),
      ),
      'zypper install -y <package>=<version>',
    ),
});
