/**
 * BuildKit's MultipleInstructionsDisallowed, with hadolint's DL4003 (CMD), DL4004 (ENTRYPOINT) and
 * DL3012 (HEALTHCHECK): only the last CMD, ENTRYPOINT and HEALTHCHECK of a stage take effect. Like
 * BuildKit, it points at the earlier one, the one that is silently dropped; hadolint points at the one
 * that replaces it, so an ignore comment on that one applies too. Each keyword keeps its hadolint id
 * and severity (CMD warning, ENTRYPOINT and HEALTHCHECK error), per hit.
 */
import type { DockerInstruction } from '../../dockerfile/instructions.js';
import type { Rule, RuleHit, Severity } from '../types.js';
import { allInstructions, hitFor } from './common.js';

const ONCE_PER_STAGE: Record<string, { severity: Severity; aliases: string[] }> = {
  CMD: { severity: 'warning', aliases: ['single-cmd', 'DL4003'] },
  ENTRYPOINT: { severity: 'error', aliases: ['single-entrypoint', 'DL4004'] },
  HEALTHCHECK: { severity: 'error', aliases: ['single-healthcheck', 'DL3012'] },
};
const PER_KEYWORD = Object.values(ONCE_PER_STAGE).flatMap((k) => k.aliases);

export const multipleInstructionsDisallowed: Rule = {
  id: 'multiple-instructions-disallowed',
  severity: 'warning',
  description:
    'Multiple CMD, ENTRYPOINT or HEALTHCHECK instructions in one stage: only the last one is used.',
  aliases: ['MultipleInstructionsDisallowed', ...PER_KEYWORD],
  hitAliases: PER_KEYWORD,
  check: ({ model }) => {
    const hits: RuleHit[] = [];
    // Keyed by stage and keyword; instructions before the first FROM count as one stage, as in hadolint.
    const last = new Map<string, DockerInstruction>();
    for (const i of allInstructions(model)) {
      const once = ONCE_PER_STAGE[i.keyword];
      if (!once) continue;
      const key = `${i.stage}:${i.keyword}`;
      const previous = last.get(key);
      if (previous)
        hits.push({
          ...hitFor(
            previous,
            `Multiple ${i.keyword} instructions should not be used in the same stage because only the last one will be used`,
          ),
          severity: once.severity,
          aliases: once.aliases,
          relatedLines: [i.line],
        });
      last.set(key, i);
    }
    return hits;
  },
};
