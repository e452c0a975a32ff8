/**
 * Many consecutive RUN instructions in the final stage: each is a layer the image ships, and files one
 * RUN deletes still take space in the layer of the RUN that created them. hadolint's DL3059 nags at every
 * pair of RUNs in every stage; this rule only speaks about the stage that is shipped, and only from
 * RUN_THRESHOLD in a row, where merging measurably shrinks and flattens the image.
 */
import type { DockerInstruction as Instruction } from '../../dockerfile/instructions.js';
import type { Rule, RuleHit } from '../types.js';
import {
  endLineOf,
  keywordOf,
  lineOf,
  finalStageLabel,
  targetStage,
  targetsDevOrToolingImage,
} from './stage-facts.js';

/** Consecutive RUNs (comments and blank lines between them do not count) from which the rule fires. */
export const RUN_THRESHOLD = 4;

export const finalStageManyRuns: Rule = {
  id: 'final-stage-many-runs',
  severity: 'info',
  description: `${RUN_THRESHOLD} or more consecutive RUN instructions in the final stage, each a shipped layer; join them with \`&&\` or a heredoc.`,
  aliases: [],
  layerHygiene: true,
  check(ctx) {
    const target = targetStage(ctx);
    if (!target || targetsDevOrToolingImage(ctx)) return [];
    const hits: RuleHit[] = [];
    let streak: Instruction[] = [];
    const close = () => {
      if (streak.length >= RUN_THRESHOLD) {
        const first = streak[0] as Instruction;
        const last = streak[streak.length - 1] as Instruction;
        hits.push({
          line: lineOf(first),
          endLine: endLineOf(last),
          message: `${streak.length} consecutive RUN instructions (lines ${lineOf(first)}-${endLineOf(last)}) in ${finalStageLabel(target)} add ${streak.length} layers; join them into one RUN with \`&&\` or a heredoc (\`RUN <<EOF\`).`,
        });
      }
      streak = [];
    };
    for (const instruction of target.steps) {
      if (keywordOf(instruction) === 'RUN') streak.push(instruction);
      else close();
    }
    close();
    return hits;
  },
};
