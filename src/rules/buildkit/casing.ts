/**
 * BuildKit's ConsistentInstructionCasing (dockerfile2llb/convert.go `validateCommandCasing`): every
 * instruction keyword is all upper or all lower case, and follows the file's majority.
 */
import type { Instruction } from 'dockerfile-ast';
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
    const instructions: Instruction[] = model.graph.stages
      .flatMap((s) => s.instructions)
      .filter((i) => /[a-z]/i.test(i.getInstruction()));
    let lower = 0;
    let upper = 0;
    for (const i of instructions) {
      const word = i.getInstruction();
      if (!isUniform(word)) continue;
      if (word === word.toLowerCase()) lower++;
      else upper++;
    }
    const majorityLower = lower > upper;
    const hits: RuleHit[] = [];
    for (const i of instructions) {
      const word = i.getInstruction();
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
