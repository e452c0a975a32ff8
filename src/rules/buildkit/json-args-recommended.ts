/**
 * BuildKit's JSONArgsRecommended, with hadolint's DL3025 for CMD and ENTRYPOINT: in shell form they
 * run under `/bin/sh -c`, which does not pass OS signals on to the program. Not reported when the
 * stage (or a stage it builds on) set a SHELL: then shell form is a deliberate choice, as BuildKit also
 * assumes. Like hadolint, ONBUILD triggers (the downstream image's CMD) and instructions before the
 * first FROM are checked too. DL3025's HEALTHCHECK part is its own rule (healthcheck-json-form).
 *
 * A shell form that starts with `exec` (`CMD exec node server.js`) is reported at info: the shell
 * replaces itself with the program, which becomes PID 1 and receives the signals itself, so the
 * problem the rule is about does not arise. BuildKit and hadolint flag it anyway; the hit stays, at info.
 */
import type { DockerInstruction } from '../../dockerfile/instructions.js';
import type { Rule, RuleHit } from '../types.js';
import { hitFor, isExecForm, ownSteps, stageChain } from './common.js';

export const jsonArgsRecommended: Rule = {
  id: 'json-args-recommended',
  severity: 'warning',
  description:
    'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals.',
  aliases: ['JSONArgsRecommended', 'json-cmd-entrypoint', 'DL3025'],
  check: ({ model }) => {
    const hits: RuleHit[] = [];
    const flag = (i: DockerInstruction) => {
      if ((i.keyword !== 'CMD' && i.keyword !== 'ENTRYPOINT') || isExecForm(i)) return;
      const message = `JSON arguments recommended for ${i.keyword} to prevent unintended behavior related to OS signals`;
      hits.push(
        execsProgram(i)
          ? {
              ...hitFor(
                i,
                `${message} (info only: the script starts with \`exec\`, so the shell replaces itself with the program, which receives the signals)`,
              ),
              severity: 'info',
            }
          : hitFor(i, message),
      );
    };
    for (const i of model.instructions) if (i.stage < 0) flag(i);
    for (const stage of model.graph.stages) {
      let shellSet = stageChain(model, stage)
        .slice(1)
        .some((s) => ownSteps(s).some((i) => i.keyword === 'SHELL'));
      const triggers: DockerInstruction[] = [];
      for (const i of stage.steps) {
        if (i.onbuild) triggers.push(i);
        else if (i.keyword === 'SHELL') shellSet = true;
        else if (!shellSet) flag(i);
      }
      // A trigger runs in the downstream build, under the SHELL this stage ends with.
      if (!shellSet) triggers.forEach(flag);
    }
    return hits;
  },
};

/**
 * True when a shell-form script's first word (after `NAME=value` assignments) is `exec`: `/bin/sh -c`
 * then runs nothing of its own, and the program it execs is the container's process.
 */
function execsProgram(i: DockerInstruction): boolean {
  const script = i.script;
  if (!script || script.commands[0]?.name !== 'exec') return false;
  return /^\s*(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*exec\s/.test(script.text);
}
