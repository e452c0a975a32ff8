/**
 * A small dependency-aware scheduler: each node starts as soon as the nodes it depends on have
 * finished, at most `concurrency` at a time; a node whose dependency did not succeed is not run.
 * Independent stages thus build at the same time against one builder (BuildKit shares the layers they
 * have in common), and a stage that others need builds first, once.
 */

export interface DagOptions<R> {
  /** Node ids, and the ids each one waits for (ids not in `nodes` are ignored). */
  nodes: number[];
  dependsOn: ReadonlyMap<number, number[]>;
  concurrency: number;
  run: (node: number) => Promise<R>;
  succeeded: (result: R) => boolean;
  /** The result for a node that is not run because `dependency` did not succeed. */
  skip: (node: number, dependency: number) => R;
}

/** Runs every node once; resolves with each node's result. Dependencies must be acyclic. */
export async function runDag<R>(options: DagOptions<R>): Promise<Map<number, R>> {
  const { nodes, dependsOn, run, succeeded, skip } = options;
  const known = new Set(nodes);
  const limit = Math.max(1, options.concurrency);
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = async (): Promise<void> => {
    if (running < limit) {
      running++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next)
      next(); // the slot passes straight to the next waiter
    else running--;
  };

  const started = new Map<number, Promise<R>>();
  const start = (node: number): Promise<R> => {
    const existing = started.get(node);
    if (existing) return existing;
    const promise = (async () => {
      const deps = (dependsOn.get(node) ?? []).filter((d) => known.has(d) && d !== node);
      const results = await Promise.all(deps.map((d) => start(d)));
      const failed = deps.find((_, i) => !succeeded(results[i]));
      if (failed !== undefined) return skip(node, failed);
      await acquire();
      try {
        return await run(node);
      } finally {
        release();
      }
    })();
    started.set(node, promise);
    return promise;
  };

  const results = await Promise.all(nodes.map((n) => start(n)));
  return new Map(nodes.map((n, i) => [n, results[i]]));
}
