/**
 * BuildKit's InvalidDefinitionDescription (experimental there): a comment above a named stage's FROM or
 * an ARG is taken as its description (`docker buildx build --call=outline` shows it), so it should start
 * with the stage or argument name. As BuildKit's parser collects them, the comments above an instruction
 * are those since the previous instruction, and only an empty `#` line starts them afresh: a blank line
 * does not (live BuildKit v0.34.2 flags a header comment a blank line above, whatever its docs' example
 * says; see docs/rules/invalid-definition-description.md). The last of them is the description.
 */
import type { DockerInstruction } from '../../dockerfile/instructions.js';
import type { Rule, RuleHit } from '../types.js';
import { argNames } from './base-image-env.js';
import { allInstructions, hitFor } from './common.js';

/**
 * The description BuildKit reads for the instruction: the last comment line between the previous
 * instruction (0-based end line `after`) and this one, unless an empty `#` line follows it. The text is
 * BuildKit's: the line without its first character, trimmed.
 */
function descriptionComment(
  commentLines: Set<number>,
  lines: string[],
  after: number,
  i: DockerInstruction,
): string | undefined {
  let description: string | undefined;
  for (let n = after + 1; n < i.line - 1; n++) {
    if (!commentLines.has(n)) continue;
    const content = (lines[n] ?? '').slice(1).trim();
    description = content === '' ? undefined : content;
  }
  return description;
}

export const invalidDefinitionDescription: Rule = {
  id: 'invalid-definition-description',
  severity: 'style',
  description:
    'A comment right above a stage or ARG should read `# <stage/arg name> <description>`; if it is not a description, put an empty line between.',
  aliases: ['InvalidDefinitionDescription'],
  // Experimental in BuildKit: off unless `# check=experimental=...` or .stagegate.yml turns it on.
  defaultOff: 'experimental',
  check: ({ model }) => {
    const lines = model.text.split(/\r?\n/);
    // 0-based lines that hold a comment (not the parser directives above the first instruction).
    const commentLines = new Set(model.comments.filter((c) => !c.directive).map((c) => c.line - 1));
    const hits: RuleHit[] = [];
    let previousEnd = -1;
    for (const i of allInstructions(model)) {
      const after = previousEnd;
      previousEnd = i.endLine - 1; // 0-based, like the comment lines
      const keyword = i.keyword;
      let keys: string[] = [];
      let what = '';
      if (keyword === 'ARG') {
        keys = argNames(i);
        what = 'argument';
      } else if (keyword === 'FROM') {
        const args = i.words;
        if (args.length === 3 && args[1].toLowerCase() === 'as') keys = [args[2], args[2].toLowerCase()];
        what = 'build stage';
      }
      if (keys.length === 0) continue;
      const comment = descriptionComment(commentLines, lines, after, i);
      if (comment === undefined) continue;
      const firstWord = comment.split(' ')[0];
      if (keys.includes(firstWord)) continue;
      const example = keyword === 'ARG' && keys.length > 1 ? '<arg_key>' : keys[0];
      hits.push(
        hitFor(
          i,
          `Comment for ${what} should follow the format: \`# ${example} <description>\`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.`,
        ),
      );
    }
    return hits;
  },
};
