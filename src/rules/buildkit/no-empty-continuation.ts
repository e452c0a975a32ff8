/**
 * BuildKit's NoEmptyContinuation: an empty line inside a continued instruction (after a line ending in
 * the escape character) is accepted today but will be an error. Comment lines do not count as empty.
 * Only the instruction's own lines are looked at, never a heredoc's body (blank lines are fine there).
 */
import type { Rule, RuleHit } from '../types.js';
import { hitFor } from './common.js';

export const noEmptyContinuation: Rule = {
  id: 'no-empty-continuation',
  severity: 'warning',
  description: 'Empty continuation lines will become errors in a future release; remove them.',
  aliases: ['NoEmptyContinuation'],
  check: ({ model }) => {
    const lines = model.text.split(/\r?\n/);
    const escape = model.escapeChar;
    const continues = (line: string): boolean => line.trimEnd().endsWith(escape);
    const hits: RuleHit[] = [];
    // ONBUILD triggers included: the check reads the written lines, and a trigger has its ONBUILD's.
    for (const instruction of model.instructions) {
      const [start, end] = [instruction.line - 1, instruction.endLine - 1];
      let continued = continues(lines[start] ?? '');
      for (let n = start + 1; n <= end && continued; n++) {
        const line = lines[n] ?? '';
        if (line.trim() === '') {
          hits.push(hitFor(instruction, 'Empty continuation line'));
          break;
        }
        if (line.trimStart().startsWith('#')) continue;
        continued = continues(line);
      }
    }
    return hits;
  },
};
