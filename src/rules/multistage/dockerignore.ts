/**
 * `COPY . .` sends and copies the whole build context. Without a `.dockerignore` that includes `.git`
 * (history, sometimes secrets, and a new layer on every commit) and `node_modules` (host-built
 * dependencies that overwrite the ones installed in the image). Patterns are matched by the shared
 * ../dockerignore.ts (@balena/dockerignore: Docker's `**`, `!` exceptions, leading `/`).
 */
import type { DockerInstruction as Instruction } from '../../dockerfile/instructions.js';
import { ignoreMatcher } from '../dockerignore.js';
import type { Rule, RuleContext } from '../types.js';
import { copiesWholeContext, endLineOf, keywordOf, lineOf } from './stage-facts.js';

function firstWholeContextCopy(ctx: RuleContext): Instruction | undefined {
  return ctx.model.instructions.find(copiesWholeContext);
}

/** True when the Dockerfile builds a Node.js project (so a host node_modules could exist). */
function usesNode(ctx: RuleContext): boolean {
  return /\b(npm|yarn|pnpm|npx|node_modules|package(-lock)?\.json)\b|\bnode:/.test(ctx.model.text);
}

/** True when the patterns keep `path` (a directory) out of the context, itself or everything in it. */
export function excludes(patterns: string[], path: string): boolean {
  const matcher = ignoreMatcher(patterns);
  return (
    matcher.excludes(path) || (matcher.excludes(`${path}/HEAD`) && matcher.excludes(`${path}/x/index.js`))
  );
}

export const dockerignoreMissing: Rule = {
  id: 'dockerignore-missing',
  severity: 'warning',
  description:
    '`COPY . .` with no `.dockerignore`: the whole context, `.git` and local `node_modules` included, goes into the image; add a `.dockerignore`.',
  aliases: [],
  check(ctx) {
    if (ctx.dockerignore !== undefined) return [];
    const copy = firstWholeContextCopy(ctx);
    if (!copy) return [];
    return [
      {
        line: lineOf(copy),
        endLine: endLineOf(copy),
        message: `\`${keywordOf(copy)} ${copy.argsText}\` copies the whole build context and there is no \`.dockerignore\`: \`.git\`${usesNode(ctx) ? ', `node_modules`' : ''} and local files go into the image and bust the cache. Add a \`.dockerignore\` (at least \`.git\`${usesNode(ctx) ? ' and `node_modules`' : ''}).`,
      },
    ];
  },
};

export const dockerignoreIncomplete: Rule = {
  id: 'dockerignore-incomplete',
  severity: 'warning',
  description:
    '`COPY . .` with a `.dockerignore` that lets `.git` (or `node_modules` in a Node.js build) in; add them to `.dockerignore`.',
  aliases: [],
  check(ctx) {
    if (ctx.dockerignore === undefined) return [];
    const copy = firstWholeContextCopy(ctx);
    if (!copy) return [];
    const missing = ['.git', ...(usesNode(ctx) ? ['node_modules'] : [])].filter(
      (dir) => !excludes(ctx.dockerignore as string[], dir),
    );
    if (missing.length === 0) return [];
    const list = missing.map((m) => `\`${m}\``).join(' and ');
    return [
      {
        line: lineOf(copy),
        endLine: endLineOf(copy),
        message: `\`${keywordOf(copy)} ${copy.argsText}\` copies the whole build context, and \`.dockerignore\` lets ${list} in; add ${missing.join(' and ')} to \`.dockerignore\`.`,
      },
    ];
  },
};
