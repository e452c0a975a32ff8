/**
 * BuildKit's InvalidDefinitionDescription (experimental there): a comment right above a named stage's
 * FROM or an ARG is taken as its description (`docker buildx build --call=outline` shows it), so it
 * should start with the stage or argument name. An empty line or an empty `#` line in between says
 * "this is not a description".
 */
import type { DockerInstruction } from '../../dockerfile/instructions.js';
import type { Rule, RuleHit } from '../types.js';
import { argNames } from './base-image-env.js';
import { allInstructions, hitFor } from './common.js';

/** The nearest comment line directly above the instruction (no blank or empty `#` line between). */
function descriptionComment(
  commentLines: Set<number>,
  lines: string[],
  i: DockerInstruction,
): string | undefined {
  const above = i.line - 2;
  if (above < 0 || !commentLines.has(above)) return undefined;
  const content = (lines[above] ?? '').trim().replace(/^#/, '').trim();
  return content === '' ? undefined : content;
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
    // 0-based lines that hold a comment. Comments are not instructions, so not in the typed model:
    // this is the one fact this rule still takes from dockerfile-ast's parse.
    const commentLines = new Set(model.ast.getComments().map((c) => c.getRange().start.line));
    const hits: RuleHit[] = [];
    for (const i of allInstructions(model)) {
      const keyword = i.keyword;
      let keys: string[] = [];
      let what = '';
      if (keyword === 'ARG') {
        keys = argNames(i.node);
        what = 'argument';
      } else if (keyword === 'FROM') {
        const args = i.words;
        if (args.length === 3 && args[1].toLowerCase() === 'as') keys = [args[2], args[2].toLowerCase()];
        what = 'build stage';
      }
      if (keys.length === 0) continue;
      const comment = descriptionComment(commentLines, lines, i);
      if (comment === undefined) continue;
      const firstWord = comment.split(/\s+/)[0];
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
