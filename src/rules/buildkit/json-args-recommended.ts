/**
 * BuildKit's JSONArgsRecommended, with hadolint's DL3025 for CMD and ENTRYPOINT: in shell form they
 * run under `/bin/sh -c`, which does not pass OS signals on to the program. Not reported when the
 * stage (or a stage it builds on) set a SHELL: then shell form is a deliberate choice, as BuildKit also
 * assumes. Like hadolint, ONBUILD triggers (the downstream image's CMD) and instructions before the
 * first FROM are checked too. DL3025's HEALTHCHECK part is its own rule (healthcheck-json-form).
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
      if ((i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && !isExecForm(i))
        hits.push(
          hitFor(
            i,
            `JSON arguments recommended for ${i.keyword} to prevent unintended behavior related to OS signals`,
          ),
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
