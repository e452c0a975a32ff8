/**
 * BuildKit's JSONArgsRecommended: CMD and ENTRYPOINT in shell form run under `/bin/sh -c`, which does
 * not pass OS signals on to the program. Not reported when the stage (or a stage it builds on) set a
 * SHELL: then shell form is a deliberate choice, as BuildKit also assumes.
 */
import type { Rule, RuleHit } from '../types.js';
import { hitFor, isExecForm, ownSteps, stageChain } from './common.js';

export const jsonArgsRecommended: Rule = {
  id: 'json-args-recommended',
  severity: 'warning',
  description:
    'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals.',
  aliases: ['JSONArgsRecommended'],
  check: ({ model }) => {
    const hits: RuleHit[] = [];
    for (const stage of model.graph.stages) {
      const ancestors = stageChain(model, stage).slice(1);
      let shellSet = ancestors.some((s) => ownSteps(s).some((i) => i.keyword === 'SHELL'));
      for (const i of ownSteps(stage)) {
        const keyword = i.keyword;
        if (keyword === 'SHELL') shellSet = true;
        if ((keyword === 'CMD' || keyword === 'ENTRYPOINT') && !shellSet && !isExecForm(i))
          hits.push(
            hitFor(
              i,
              `JSON arguments recommended for ${keyword} to prevent unintended behavior related to OS signals`,
            ),
          );
      }
    }
    return hits;
  },
};
