/**
 * Flags Docker cannot read: `COPY - from=build` (a flag split by a space), `--from build` (no `=`),
 * `-from=build` (one dash), `—from=build` (a typographic dash pasted from a web page), unknown flags,
 * and `RUN --mount` options split by a space. BuildKit refuses most of these; the single-dash forms are worse:
 * Docker reads them as file names and the error talks about a missing file.
 */
import type { DockerInstruction as Instruction } from '../../dockerfile/instructions.js';
import type { Rule, RuleHit } from '../types.js';
import { flagsOf, keywordOf, lineOf, endLineOf } from './stage-facts.js';

/** Flags the Dockerfile reference documents (stable and labs), and whether each needs a value. */
const KNOWN_FLAGS: Record<string, Record<string, 'value' | 'bool'>> = {
  COPY: { from: 'value', chown: 'value', chmod: 'value', link: 'bool', parents: 'bool', exclude: 'value' },
  ADD: {
    chown: 'value',
    chmod: 'value',
    link: 'bool',
    'keep-git-dir': 'bool',
    checksum: 'value',
    exclude: 'value',
    unpack: 'bool',
  },
  RUN: { mount: 'value', network: 'value', security: 'value', device: 'value' },
  FROM: { platform: 'value' },
};

const TYPOGRAPHIC_DASH = /^[\u2010-\u2015\u2212]+/;

export const malformedFlag: Rule = {
  id: 'malformed-flag',
  severity: 'error',
  description:
    'A COPY/ADD/RUN/FROM flag Docker cannot read (`- from=x`, `--from x`, `-from=x`, unknown flag, mount options split by a space); write `--name=value`.',
  aliases: [],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const instruction of ctx.model.instructions) {
      const keyword = keywordOf(instruction);
      const known = KNOWN_FLAGS[keyword];
      if (!known) continue;
      for (const message of problems(instruction, keyword, known)) {
        hits.push({ line: lineOf(instruction), endLine: endLineOf(instruction), message });
      }
    }
    return hits;
  },
};

function problems(
  instruction: Instruction,
  keyword: string,
  known: Record<string, 'value' | 'bool'>,
): string[] {
  const found: string[] = [];
  const args = instruction.words;
  const flags = flagsOf(instruction);
  const knownNames = Object.keys(known);
  const looksLikeFlagWord = (word: string) => knownNames.some((n) => word.toLowerCase().startsWith(`${n}=`));

  for (const [i, flag] of flags.entries()) {
    const name = flag.name.toLowerCase();
    if (name === '') {
      // `-- from=build`: dockerfile-ast reads `--` as a nameless flag; the name is the next word.
      const next = args[0];
      found.push(
        next && looksLikeFlagWord(next)
          ? `\`-- ${next}\` is a flag split by a space: write \`--${next}\`.`
          : `\`--\` with no flag name after ${keyword}.`,
      );
      continue;
    }
    const kind = known[name];
    if (!kind) {
      found.push(
        `\`--${flag.name}\` is not a ${keyword} flag (${keyword} takes ${knownNames.map((n) => `--${n}`).join(', ')}).`,
      );
      continue;
    }
    if (kind === 'value' && flag.value === null) {
      // dockerfile-ast stops reading flags at the first word without `--`: that word is the intended value
      // only when this flag is the last one.
      const next = i === flags.length - 1 ? args[0] : undefined;
      found.push(
        next
          ? `\`--${flag.name} ${next}\` has no \`=\`: Docker needs \`--${flag.name}=${next}\`.`
          : `\`--${flag.name}\` needs a value: \`--${flag.name}=<value>\`.`,
      );
      continue;
    }
    if (name === 'mount' && flag.value !== null) {
      const mountProblem = mountTargetProblem(flag.value, args[0]);
      if (mountProblem) found.push(mountProblem);
    }
  }
  if (flags.some((f) => f.name === '')) return found;

  // Words after the flags that were meant as flags: Docker treats them as paths (COPY/ADD) or commands (RUN).
  const first = args[0];
  const second = args[1];
  if (first === undefined || first.startsWith('[')) return found;
  if (first === '-' && second !== undefined && looksLikeFlagWord(second)) {
    found.push(`\`- ${second}\` is a flag split by a space and missing a dash: write \`--${second}\`.`);
  } else if (TYPOGRAPHIC_DASH.test(first) && looksLikeFlagWord(first.replace(TYPOGRAPHIC_DASH, ''))) {
    found.push(
      `\`${first}\` starts with a typographic dash, not \`--\` (copied from a web page?): write \`--${first.replace(TYPOGRAPHIC_DASH, '')}\`.`,
    );
  } else if (/^-[^-]/.test(first) && looksLikeFlagWord(first.slice(1))) {
    found.push(`\`${first}\` has one dash: write \`-${first}\`.`);
  } else if (keyword !== 'RUN' && keyword !== 'FROM' && looksLikeFlagWord(first)) {
    // `RUN network=none cmd` is a valid shell assignment, so bare `name=` words are flagged on COPY/ADD only.
    found.push(`\`${first}\` is read as a source path: write \`--${first}\`.`);
  }
  return found;
}

/**
 * `--mount=type=cache target=/x` (a space instead of a comma): the shell then runs `target=/x` as an
 * assignment and the mount lands somewhere else. A mount without any target is not flagged: BuildKit
 * accepts bind mounts without one (moby and buildx Dockerfiles use `--mount=from=x,src=/y`).
 */
function mountTargetProblem(value: string, nextWord: string | undefined): string | undefined {
  if (/(^|,)(target|dst|destination)=/.test(value)) return undefined;
  if (nextWord && /^(target|dst|destination)=/.test(nextWord)) {
    return `\`--mount=${value} ${nextWord}\`: the mount options are split by a space; join them with a comma (\`--mount=${value},${nextWord}\`).`;
  }
  return undefined;
}
