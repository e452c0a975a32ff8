/**
 * Warnings for `--from` references that are probably misspelt stage names. `COPY --from=biuld` is a
 * valid image name, so BuildKit tries to pull `docker.io/library/biuld` and fails with "pull access
 * denied", which says nothing about the typo. Pure.
 */
import type { StageGraph } from '../dockerfile/types.js';

export interface FromRefHint {
  line: number;
  message: string;
}

/** Levenshtein distance, small strings only. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

export function fromRefHints(graph: StageGraph): FromRefHint[] {
  const names = graph.stages.flatMap((s) => (s.name === undefined ? [] : [s.name]));
  const hints: FromRefHint[] = [];
  for (const stage of graph.stages) {
    for (const e of stage.edges) {
      // Only bare names (`biuld`), not references that clearly mean an image (`golang:1.22`, `org/x`).
      if (e.kind === 'from' || e.stage !== undefined || !/^[a-z][a-z0-9_-]*$/i.test(e.ref)) continue;
      const ref = e.ref.toLowerCase();
      const close = names
        .map((n) => ({ n, d: editDistance(ref, n.toLowerCase()) }))
        .filter((x) => x.d > 0 && x.d <= Math.min(2, Math.floor(x.n.length / 3)))
        .sort((x, y) => x.d - y.d)[0];
      if (!close) continue;
      const flag = e.kind === 'copy' ? 'COPY --from' : 'RUN --mount=from';
      hints.push({
        line: e.line,
        message: `${flag}=${e.ref} names no stage, so it will be pulled as an image; did you mean stage '${close.n}'?`,
      });
    }
  }
  return hints;
}
