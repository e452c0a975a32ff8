/**
 * How the stage builds are scheduled: all at once (at most `concurrency` at a time, in plan order, so
 * dependencies start first), without waiting for the stages they depend on.
 *
 * Waiting is unnecessary: a `docker build --target X` builds X's dependencies itself, and BuildKit runs
 * a step that concurrent builds share once (the others wait for it and reuse its result; tested on the
 * real engine). Waiting would only serialise the wall time: a chain of cached stages costs one build's
 * start-up per link. What waiting gave the report, a dependent stage marked "skipped because stage Y
 * failed" rather than failed with Y's error again, `blameFailedDependencies` restores afterwards.
 */

/** Runs `run` for every node, at most `concurrency` at a time, starting them in the given order. */
export async function runAll<R>(
  nodes: number[],
  concurrency: number,
  run: (node: number) => Promise<R>,
): Promise<Map<number, R>> {
  const results = new Map<number, R>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < nodes.length) {
      const node = nodes[next++] as number;
      results.set(node, await run(node));
    }
  };
  const workers = Math.max(1, Math.min(concurrency, nodes.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return new Map(nodes.map((n) => [n, results.get(n) as R]));
}

/**
 * A failed node one of whose dependencies also failed is replaced by `blame(node, dependency)`, naming
 * the first dependency (in `dependsOn` order) that failed on its own account: the root cause, not a
 * stage that failed because of it. Nodes that failed with no failed dependency keep their own result.
 */
export function blameFailedDependencies<R>(
  results: ReadonlyMap<number, R>,
  dependsOn: ReadonlyMap<number, number[]>,
  failed: (result: R) => boolean,
  blame: (node: number, dependency: number) => R,
): Map<number, R> {
  const failedDeps = (node: number) =>
    (dependsOn.get(node) ?? []).filter((d) => d !== node && results.has(d) && failed(results.get(d) as R));
  const out = new Map<number, R>();
  for (const [node, result] of results) {
    if (!failed(result)) {
      out.set(node, result);
      continue;
    }
    const deps = failedDeps(node);
    if (deps.length === 0) {
      out.set(node, result);
      continue;
    }
    const root = deps.find((d) => failedDeps(d).length === 0) ?? (deps[0] as number);
    out.set(node, blame(node, root));
  }
  return out;
}
