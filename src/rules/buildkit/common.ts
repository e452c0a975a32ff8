/**
 * What BuildKit's checks share: where an instruction is, which form it is written in, the build
 * arguments BuildKit defines itself, and BuildKit's "did you mean" suggestion. Pure helpers over the
 * typed model; no Dockerfile parsing here.
 */
import type { DockerInstruction } from '../../dockerfile/instructions.js';
import type { DockerfileModel, Stage } from '../../dockerfile/types.js';
import type { RuleHit } from '../types.js';

/** 1-based first and last line of an instruction (continuations and heredocs included). */
export function hitFor(instruction: DockerInstruction, message?: string): RuleHit {
  return { line: instruction.line, endLine: instruction.endLine, message };
}

/**
 * Every instruction in file order (global ARGs first), ONBUILD triggers left out: BuildKit's checks
 * read the instructions a build runs, and a trigger runs only in images built FROM this one.
 */
export function allInstructions(model: DockerfileModel): DockerInstruction[] {
  return model.instructions.filter((i) => !i.onbuild);
}

/** A stage's own instructions (FROM first), ONBUILD triggers left out. */
export function ownSteps(stage: Stage): DockerInstruction[] {
  return stage.steps.filter((i) => !i.onbuild);
}

/**
 * Exec (JSON) form, as BuildKit decides it: the arguments parse as a JSON array of strings. Anything
 * else, `CMD [a]` included, is shell form.
 */
export function isExecForm(instruction: DockerInstruction): boolean {
  return instruction.exec !== undefined;
}

/** The stage this stage's FROM names (`FROM build AS test`), and so on up to an image. Nearest first. */
export function stageChain(model: DockerfileModel, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<number>();
  let current: Stage | undefined = stage;
  while (current && !seen.has(current.index)) {
    chain.push(current);
    seen.add(current.index);
    current = current.parent === undefined ? undefined : model.graph.stages[current.parent];
  }
  return chain;
}

/**
 * Build arguments BuildKit always defines (for FROM, and for `ARG NAME` without a default). Values are
 * placeholders for a linux/amd64 build: checks only need them to be non-empty and well-formed.
 */
export const PREDEFINED_PLATFORM_ARGS: ReadonlyMap<string, string> = new Map([
  ['TARGETPLATFORM', 'linux/amd64'],
  ['TARGETOS', 'linux'],
  ['TARGETARCH', 'amd64'],
  ['TARGETVARIANT', ''],
  ['BUILDPLATFORM', 'linux/amd64'],
  ['BUILDOS', 'linux'],
  ['BUILDARCH', 'amd64'],
  ['BUILDVARIANT', ''],
]);

/** The proxy args Docker accepts without an ARG (`--build-arg HTTP_PROXY=...`). */
export const PROXY_ARGS: ReadonlySet<string> = new Set(
  ['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'].flatMap((n) => [n, n.toLowerCase()]),
);

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * The closest known name for a mistyped one, like BuildKit's `suggest.Search`: a case-insensitive
 * match first, else the nearest within a small edit distance.
 */
export function suggestName(name: string, options: Iterable<string>): string | undefined {
  const candidates = [...new Set(options)].filter((o) => o !== name);
  const sameLetters = candidates.find((o) => o.toLowerCase() === name.toLowerCase());
  if (sameLetters) return sameLetters;
  const limit = Math.max(1, Math.min(2, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const o of candidates.sort()) {
    const d = levenshtein(name.toLowerCase(), o.toLowerCase());
    if (d < bestDistance) {
      best = o;
      bestDistance = d;
    }
  }
  return best;
}
