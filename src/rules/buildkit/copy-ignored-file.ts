/**
 * BuildKit's CopyIgnoredFile: COPY/ADD of a build-context path that `.dockerignore` excludes, which
 * then fails or silently copies less. As in BuildKit, not checked when the `.dockerignore` has `!`
 * exceptions (whether a path survives then depends on the files that exist), for `COPY --from`, for
 * URLs and git sources, and for paths with variables.
 */
import { ignoreMatcher, normalizeContextPath } from '../dockerignore.js';
import type { Rule, RuleHit } from '../types.js';
import { allInstructions, hitFor } from './common.js';

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
    for (const i of allInstructions(model)) {
      if (i.stage < 0 || !i.copy) continue;
      if (i.flags.some((f) => f.name === 'from')) continue;
      const verb = i.keyword === 'ADD' ? 'Add' : 'Copy';
      for (const src of i.copy.sources) {
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
