/**
 * hadolint's ShellCheck pass as one rule: each ShellCheck comment on a RUN script is a finding named
 * by its SC code (an alias of that finding alone, so `ignore: [SC2086]` or `# hadolint ignore=SC2086`
 * hides only those) at ShellCheck's level. The engine runs ShellCheck once per lint (rules stay pure).
 */
import { shellcheckHits } from '../shell/shellcheck.js';
import type { Rule } from '../types.js';

export const shellcheck: Rule = {
  id: 'shellcheck',
  severity: 'warning',
  description:
    "ShellCheck's findings on RUN scripts (SC codes), at ShellCheck's level, as hadolint reports them.",
  aliases: [],
  check: ({ shellcheck: run }) => (run ? shellcheckHits(run.scripts, run.outcome) : []),
};
