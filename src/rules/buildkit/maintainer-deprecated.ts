/**
 * BuildKit's MaintainerDeprecated, with hadolint's DL4000: MAINTAINER is deprecated in favour of a
 * label. hadolint's severity (error), the worse of the two, as the merged finding had.
 */
import type { Rule } from '../types.js';
import { allInstructions, hitFor } from './common.js';

export const maintainerDeprecated: Rule = {
  id: 'maintainer-deprecated',
  severity: 'error',
  description:
    'The MAINTAINER instruction is deprecated; use a label (org.opencontainers.image.authors) to name the image author.',
  aliases: ['MaintainerDeprecated', 'maintainer-instruction', 'DL4000'],
  check: ({ model }) =>
    allInstructions(model)
      .filter((i) => i.keyword === 'MAINTAINER')
      .map((i) => hitFor(i, 'Maintainer instruction is deprecated in favor of using label')),
};
