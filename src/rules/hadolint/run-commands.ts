/** Rules about which programs a RUN calls (hadolint DL3001, DL3003, DL3004, DL3046, DL3047, DL4001, DL4005). */
import { commandsNamed, flagValue, hasArg, hasFlag, isProgram } from '../shell/command.js';
import type { Rule, RuleHit } from '../types.js';
import { hitAt, runRule, runSteps } from './walk.js';

/** Interactive or system-management tools that do nothing useful in a build step. */
const POINTLESS_IN_CONTAINER = [
  'free',
  'kill',
  'mount',
  'ps',
  'service',
  'shutdown',
  'ssh',
  'top',
  'vim',
  'ifconfig',
];

export const pointlessCommands = runRule({
  id: 'pointless-commands',
  severity: 'info',
  description:
    'For some bash commands it makes no sense running them in a Docker container, like ssh, vim, shutdown, service, ps, free, top, kill, mount, ifconfig.',
  aliases: ['DL3001'],
  flags: (script) => {
    const found = script.commands.find((c) => isProgram(c, ...POINTLESS_IN_CONTAINER));
    return found ? `\`${found.name}\` makes no sense in a container build step.` : false;
  },
});

export const useWorkdir = runRule({
  id: 'use-workdir',
  // hadolint says warning; on real Dockerfiles every `cd` it flagged was a deliberate one-RUN change of
  // directory (the verdicts in __tests__/fixtures/verdicts judged all 31 noise), so it is info here.
  severity: 'info',
  description: 'Use WORKDIR to switch to a directory instead of `cd` in RUN.',
  aliases: ['DL3003'],
  flags: (script) => script.commands.some((c) => isProgram(c, 'cd')),
});

export const noSudo = runRule({
  id: 'no-sudo',
  severity: 'error',
  description: 'Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root.',
  aliases: ['DL3004'],
  flags: (script) => script.commands.some((c) => isProgram(c, 'sudo')),
});

export const useraddLogInit = runRule({
  id: 'useradd-no-log-init',
  severity: 'warning',
  description:
    '`useradd` without flag `-l` and a high UID will result in an excessively large image (a sparse /var/log/lastlog).',
  aliases: ['DL3046'],
  layerHygiene: true,
  flags: (script) =>
    commandsNamed(script, 'useradd').some((c) => {
      if (hasFlag(c, 'l', 'no-log-init')) return false;
      const uid = flagValue(c, 'u', 'uid');
      return uid !== undefined && /^\d+$/.test(uid) && uid.length > 5;
    }),
});

export const wgetProgress = runRule({
  id: 'wget-progress',
  severity: 'info',
  description:
    '`wget` without flag `--progress` will result in excessively bloated build logs when downloading larger files: use `wget --progress=dot:giga <url>`, or `-q`/`-nv`.',
  aliases: ['DL3047'],
  flags: (script) =>
    commandsNamed(script, 'wget').some(
      (c) =>
        !hasFlag(c, 'progress', 'q', 'quiet', 'o', 'output-file', 'a', 'append-output', 'no-verbose') &&
        !hasArg(c, '-nv'),
    ),
});

/** Both downloaders in one stage means two tools (and their dependencies) where one would do. */
export const wgetOrCurl: Rule = {
  id: 'wget-or-curl',
  severity: 'warning',
  description: 'Either use wget or curl, but not both.',
  aliases: ['DL4001'],
  check(ctx) {
    const hits: RuleHit[] = [];
    const seen = new Map<number, Set<string>>();
    for (const run of runSteps(ctx)) {
      const tools = new Set(
        run.script.commands
          .filter((c) => isProgram(c, 'wget', 'curl'))
          .map((c) => (isProgram(c, 'wget') ? 'wget' : 'curl')),
      );
      if (tools.size === 0) continue;
      const stageTools = seen.get(run.stage) ?? new Set<string>();
      for (const t of tools) stageTools.add(t);
      seen.set(run.stage, stageTools);
      if (stageTools.size === 2) hits.push(hitAt(run));
    }
    return hits;
  },
};

export const useShellInstruction = runRule({
  id: 'use-shell-instruction',
  severity: 'warning',
  description: 'Use SHELL to change the default shell instead of linking over /bin/sh.',
  aliases: ['DL4005'],
  flags: (script) => commandsNamed(script, 'ln').some((c) => hasArg(c, '/bin/sh')),
});
