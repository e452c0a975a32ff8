/** BuildKit's MaintainerDeprecated: MAINTAINER is deprecated in favour of a label. */
import type { Rule } from '../types.js';
import { allInstructions, hitFor } from './common.js';

export const maintainerDeprecated: Rule = {
  id: 'maintainer-deprecated',
  severity: 'info',
  description:
    'The MAINTAINER instruction is deprecated; use a label (org.opencontainers.image.authors) to name the image author.',
  aliases: ['MaintainerDeprecated'],
  check: ({ model }) =>
    allInstructions(model)
      .filter((i) => i.keyword === 'MAINTAINER')
      .map((i) => hitFor(i, 'Maintainer instruction is deprecated in favor of using label')),
};
