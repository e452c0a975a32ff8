/**
 * BuildKit's ConsistentInstructionCasing (dockerfile2llb/convert.go `validateCommandCasing`): every
 * instruction keyword is all upper or all lower case, and follows the file's majority.
 */
import type { DockerInstruction } from '../../dockerfile/instructions.js';
import type { Rule, RuleHit } from '../types.js';
import { hitFor } from './common.js';

const isUniform = (word: string): boolean => word === word.toLowerCase() || word === word.toUpperCase();

export const consistentInstructionCasing: Rule = {
  id: 'consistent-instruction-casing',
  severity: 'style',
  description: 'All instructions in the Dockerfile should use the same casing (either upper or lower).',
  aliases: ['ConsistentInstructionCasing'],
  check: ({ model }) => {
    // As in BuildKit: the stages' instructions count; the global ARGs before the first FROM do not.
    // An ONBUILD counts by its own keyword (`onbuild RUN x` is lower-case), as dockerfile-ast reads it.
    const written = (i: DockerInstruction): string => i.onbuildKeywordRaw ?? i.keywordRaw;
    const instructions = model.graph.stages.flatMap((s) => s.steps).filter((i) => /[a-z]/i.test(written(i)));
    let lower = 0;
    let upper = 0;
    for (const i of instructions) {
      const word = written(i);
      if (!isUniform(word)) continue;
      if (word === word.toLowerCase()) lower++;
      else upper++;
    }
    const majorityLower = lower > upper;
    const hits: RuleHit[] = [];
    for (const i of instructions) {
      const word = written(i);
      const expected = majorityLower ? word.toLowerCase() : word.toUpperCase();
      if (word !== expected)
        hits.push(
          hitFor(
            i,
            `Command '${word}' should match the case of the command majority (${majorityLower ? 'lowercase' : 'uppercase'})`,
          ),
        );
    }
    return hits;
  },
};
