/**
 * BuildKit's LegacyKeyValueFormat: `ENV key value` / `LABEL key value` (whitespace instead of `=`) is
 * the legacy form, ambiguous as soon as the value has spaces. BuildKit checks ENV and LABEL only;
 * `ARG a b` declares two arguments and is not reported (see the docs page).
 */
import type { Rule } from '../types.js';
import { allInstructions, hitFor } from './common.js';

export const legacyKeyValueFormat: Rule = {
  id: 'legacy-key-value-format',
  severity: 'info',
  description: 'Legacy key/value format with whitespace separator should not be used; write `ENV key=value`.',
  aliases: ['LegacyKeyValueFormat'],
  check: ({ model }) =>
    allInstructions(model)
      .filter((i) => i.keyword === 'ENV' || i.keyword === 'LABEL')
      .filter((i) => (i.properties ?? []).some((p) => p.legacy))
      .map((i) => {
        const k = i.keyword;
        return hitFor(i, `"${k} key=value" should be used instead of legacy "${k} key value" format`);
      }),
};
