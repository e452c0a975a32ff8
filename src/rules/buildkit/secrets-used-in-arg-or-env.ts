/**
 * BuildKit's SecretsUsedInArgOrEnv: ARG and ENV values end up in the image's history and config, so a
 * name that says "secret" (BuildKit's token list, matched as a whole `_`-separated word) should come
 * from a secret mount instead. Names with an allow-listed word (`PUBLIC_KEY`, `GPG_KEY_FILE`,
 * `TOKEN_VERSION`) are not secrets.
 */
import type { DockerInstruction } from '../../dockerfile/instructions.js';
import type { Rule, RuleHit } from '../types.js';
import { allInstructions, hitFor } from './common.js';

const SECRET_TOKENS = [
  'apikey',
  'auth',
  'credential',
  'credentials',
  'key',
  'password',
  'pword',
  'passwd',
  'secret',
  'token',
];
const ALLOW_TOKENS = ['public', 'file', 'version'];

const wordPattern = (tokens: string[]): RegExp => new RegExp(`(?:_|^)(?:${tokens.join('|')})(?:_|$)`, 'i');
const SECRET = wordPattern(SECRET_TOKENS);
const ALLOWED = wordPattern(ALLOW_TOKENS);

export function looksSecret(name: string): boolean {
  return SECRET.test(name) && !ALLOWED.test(name);
}

function namesOf(i: DockerInstruction): string[] {
  if (i.keyword === 'ARG') {
    // `ARG A B` declares both (dockerfile-ast would read B as A's value); a quoted default is one word.
    return i.words
      .map((w) => /^([A-Za-z_][A-Za-z0-9_]*)(=|$)/.exec(w)?.[1])
      .filter((n): n is string => n !== undefined);
  }
  return (i.properties ?? []).map((p) => p.name);
}

export const secretsUsedInArgOrEnv: Rule = {
  id: 'secrets-used-in-arg-or-env',
  severity: 'warning',
  description:
    'Sensitive data should not be used in ARG or ENV: they persist in the image; use a secret mount (RUN --mount=type=secret).',
  aliases: ['SecretsUsedInArgOrEnv'],
  check: ({ model }) => {
    const hits: RuleHit[] = [];
    for (const i of allInstructions(model)) {
      const keyword = i.keyword;
      if (keyword !== 'ARG' && keyword !== 'ENV') continue;
      for (const name of namesOf(i))
        if (looksSecret(name))
          hits.push(
            hitFor(i, `Do not use ARG or ENV instructions for sensitive data (${keyword} "${name}")`),
          );
    }
    return hits;
  },
};
