/**
 * BuildKit's CopyIgnoredFile: COPY/ADD of a build-context path that `.dockerignore` excludes, which
 * then fails or silently copies less. As in BuildKit, not checked when the `.dockerignore` has `!`
 * exceptions (whether a path survives then depends on the files that exist), for `COPY --from`, for
 * URLs and git sources, and for paths with variables.
 */
import type { Instruction } from 'dockerfile-ast';
import { ignoreMatcher, normalizeContextPath } from '../dockerignore.js';
import type { Rule, RuleHit } from '../types.js';
import { flagsOf, hitFor, isExecForm } from './common.js';

/** Source paths of a COPY/ADD (destination, flags and heredocs left out). */
export function copySources(i: Instruction): string[] {
  let words: string[];
  if (isExecForm(i)) words = JSON.parse(i.getArgumentsContent() ?? '[]') as string[];
  else {
    // dockerfile-ast leaves the flags out of the arguments.
    words = i.getArguments().map((a) => a.getValue());
    const heredoc = words.findIndex((w) => w.startsWith('<<'));
    if (heredoc !== -1) words = words.slice(0, heredoc + 2).filter((w) => !w.startsWith('<<'));
  }
  return words.slice(0, -1).filter((w) => !w.startsWith('<<'));
}

const isRemote = (src: string): boolean => /^(?:https?:\/\/|git@|git:\/\/|ssh:\/\/)/.test(src);

export const copyIgnoredFile: Rule = {
  id: 'copy-ignored-file',
  severity: 'warning',
  description: 'Attempting to COPY or ADD a file that is excluded by .dockerignore.',
  aliases: ['CopyIgnoredFile'],
  check: ({ model, dockerignore }) => {
    if (!dockerignore) return [];
    const matcher = ignoreMatcher(dockerignore);
    if (matcher.hasExceptions || matcher.patterns.length === 0) return [];
    const hits: RuleHit[] = [];
    for (const stage of model.graph.stages)
      for (const i of stage.instructions) {
        const keyword = i.getKeyword();
        if (keyword !== 'COPY' && keyword !== 'ADD') continue;
        if (flagsOf(i).some((f) => f.getName().toLowerCase() === 'from')) continue;
        const verb = keyword === 'ADD' ? 'Add' : 'Copy';
        for (const src of copySources(i)) {
          if (src.includes('$') || isRemote(src)) continue;
          if (matcher.excludes(src))
            hits.push(
              hitFor(
                i,
                `Attempting to ${verb} file "${normalizeContextPath(src)}" that is excluded by .dockerignore`,
              ),
            );
        }
      }
    return hits;
  },
};
