/**
 * BuildKit's MultipleInstructionsDisallowed: only the last CMD, ENTRYPOINT and HEALTHCHECK of a stage
 * take effect. Like BuildKit, it points at the earlier one, the one that is silently dropped.
 */
import type { DockerInstruction } from '../../dockerfile/instructions.js';
import type { Rule, RuleHit } from '../types.js';
import { hitFor, ownSteps } from './common.js';

const ONCE_PER_STAGE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

export const multipleInstructionsDisallowed: Rule = {
  id: 'multiple-instructions-disallowed',
  severity: 'warning',
  description:
    'Multiple CMD, ENTRYPOINT or HEALTHCHECK instructions in one stage: only the last one is used.',
  aliases: ['MultipleInstructionsDisallowed'],
  check: ({ model }) => {
    const hits: RuleHit[] = [];
    for (const stage of model.graph.stages) {
      const last = new Map<string, DockerInstruction>();
      for (const i of ownSteps(stage)) {
        const keyword = i.keyword;
        if (!ONCE_PER_STAGE.has(keyword)) continue;
        const previous = last.get(keyword);
        if (previous)
          hits.push(
            hitFor(
              previous,
              `Multiple ${keyword} instructions should not be used in the same stage because only the last one will be used`,
            ),
          );
        last.set(keyword, i);
      }
    }
    return hits;
  },
};
