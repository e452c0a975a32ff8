/**
 * BuildKit's LegacyKeyValueFormat: `ENV key value` / `LABEL key value` (whitespace instead of `=`) is
 * the legacy form, ambiguous as soon as the value has spaces. BuildKit checks ENV and LABEL only;
 * `ARG a b` declares two arguments and is not reported (see the docs page).
 */
import type { Instruction, Property } from 'dockerfile-ast';
import type { Rule } from '../types.js';
import { allInstructions, hitFor } from './common.js';

const propertiesOf = (i: Instruction): Property[] =>
  (i as Instruction & { getProperties(): Property[] }).getProperties();

export const legacyKeyValueFormat: Rule = {
  id: 'legacy-key-value-format',
  severity: 'info',
  description: 'Legacy key/value format with whitespace separator should not be used; write `ENV key=value`.',
  aliases: ['LegacyKeyValueFormat'],
  check: ({ model }) =>
    allInstructions(model)
      .filter((i) => i.getKeyword() === 'ENV' || i.getKeyword() === 'LABEL')
      .filter((i) => propertiesOf(i).some((p) => p.getAssignmentOperator() === null && p.getValue() !== null))
      .map((i) => {
        const k = i.getKeyword();
        return hitFor(i, `"${k} key=value" should be used instead of legacy "${k} key value" format`);
      }),
};
