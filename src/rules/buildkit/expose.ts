/**
 * BuildKit's EXPOSE checks: ExposeProtoCasing (the protocol must be lowercase) and ExposeInvalidFormat
 * (EXPOSE declares container ports; an IP address or a host-port mapping belongs to `docker run -p`).
 */
import type { Rule, RuleHit } from '../types.js';
import { allInstructions, hitFor } from './common.js';

function exposedPorts(model: Parameters<Rule['check']>[0]['model']) {
  return allInstructions(model)
    .filter((i) => i.keyword === 'EXPOSE')
    .map((i) => ({ instruction: i, ports: i.words }));
}

export const exposeProtoCasing: Rule = {
  id: 'expose-proto-casing',
  severity: 'style',
  description: 'Protocol in EXPOSE instruction should be lowercase (`80/tcp`).',
  aliases: ['ExposeProtoCasing'],
  check: ({ model }) => {
    const hits: RuleHit[] = [];
    for (const { instruction, ports } of exposedPorts(model))
      for (const port of ports) {
        const proto = port.split('/')[1];
        if (proto !== undefined && !proto.includes('$') && proto !== proto.toLowerCase())
          hits.push(
            hitFor(instruction, `Defined protocol '${port}' in EXPOSE instruction should be lowercase`),
          );
      }
    return hits;
  },
};

export const exposeInvalidFormat: Rule = {
  id: 'expose-invalid-format',
  severity: 'warning',
  description:
    'IP address and host-port mapping should not be used in EXPOSE; it will become an error in a future release.',
  aliases: ['ExposeInvalidFormat'],
  check: ({ model }) => {
    const hits: RuleHit[] = [];
    for (const { instruction, ports } of exposedPorts(model))
      for (const port of ports)
        // `${PORT:-8080}` has a colon of its own.
        if (port.replace(/\$\{[^}]*\}/g, '').includes(':'))
          hits.push(
            hitFor(
              instruction,
              `EXPOSE instruction should not define an IP address or host-port mapping, found '${port}'`,
            ),
          );
    return hits;
  },
};
