/**
 * BuildKit's SecretsUsedInArgOrEnv, with hadolint's DL3064: ARG and ENV values end up in the image's
 * history and config, so a name that says "secret" (BuildKit's token list, matched as a whole word)
 * should come from a secret mount instead. Words are split at `_` and, as hadolint does, at camelCase
 * (`dbPassword`). A name with an allow-listed word is not a secret: BuildKit's `PUBLIC_KEY`,
 * `GPG_KEY_FILE`, `TOKEN_VERSION`, and hadolint's `_PATH`/`_DIR` (where a secret lives, not the secret).
 * One finding per instruction, naming its secret-looking names; ONBUILD triggers are checked too (their
 * text is in the image config), as hadolint does.
 */
import type { DockerInstruction } from '../../dockerfile/instructions.js';
import type { Rule, RuleHit } from '../types.js';
import { hitFor } from './common.js';

const SECRET_WORDS = new Set([
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
]);
const ALLOW_WORDS = new Set(['public', 'file', 'version', 'path', 'dir']);

function looksSecret(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split('_');
  return words.some((w) => SECRET_WORDS.has(w)) && !words.some((w) => ALLOW_WORDS.has(w));
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
  aliases: ['SecretsUsedInArgOrEnv', 'secrets-in-arg-env', 'DL3064'],
  check: ({ model }) => {
    const hits: RuleHit[] = [];
    for (const i of model.instructions) {
      if (i.keyword !== 'ARG' && i.keyword !== 'ENV') continue;
      const secrets = namesOf(i).filter(looksSecret);
      if (secrets.length > 0)
        hits.push(
          hitFor(
            i,
            `Do not use ARG or ENV instructions for sensitive data (${i.keyword} ${secrets.map((n) => `"${n}"`).join(', ')})`,
          ),
        );
    }
    return hits;
  },
};
