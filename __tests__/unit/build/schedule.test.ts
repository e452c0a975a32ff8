import { describe, expect, it } from '@jest/globals';
import { blameFailedDependencies, runAll } from '../../../src/build/schedule.js';

/** A run function whose calls finish only when the test says so, recording the order of events. */
function controlled() {
  const events: string[] = [];
  const pending = new Map<number, (ok: boolean) => void>();
  const run = (n: number) =>
    new Promise<boolean>((resolve) => {
      events.push(`start ${n}`);
      pending.set(n, (ok) => {
        events.push(`end ${n}`);
        resolve(ok);
      });
    });
  const finish = async (n: number, ok = true) => {
    pending.get(n)?.(ok);
    pending.delete(n);
    await new Promise((r) => setImmediate(r));
  };
  return { events, run, finish, running: () => [...pending.keys()].sort() };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('runAll', () => {
  it('starts every node at once, dependents too, and resolves with each result in node order', async () => {
    const c = controlled();
    const done = runAll([0, 1, 2], 8, c.run);
    await tick();
    expect(c.running()).toEqual([0, 1, 2]);
    await c.finish(2, false);
    await c.finish(0);
    await c.finish(1);
    const results = await done;
    expect([...results]).toEqual([
      [0, true],
      [1, true],
      [2, false],
    ]);
  });

  it('never runs more than `concurrency` at once, starting the next in order as one ends', async () => {
    const c = controlled();
    const done = runAll([0, 1, 2, 3], 2, c.run);
    await tick();
    expect(c.running()).toEqual([0, 1]);
    await c.finish(1);
    expect(c.running()).toEqual([0, 2]);
    await c.finish(0);
    expect(c.running()).toEqual([2, 3]);
    await c.finish(2);
    await c.finish(3);
    await done;
    expect(c.events.filter((e) => e.startsWith('start'))).toEqual([
      'start 0',
      'start 1',
      'start 2',
      'start 3',
    ]);
  });

  it('handles no nodes', async () => {
    expect((await runAll([], 4, async () => true)).size).toBe(0);
  });
});

describe('blameFailedDependencies', () => {
  const blame = (n: number, dep: number) => `${n} blamed on ${dep}`;
  const failed = (r: string) => r === 'failed';

  it('blames a failed node on the dependency that failed on its own, through a chain', () => {
    // 0 <- 1 <- 2 (transitive deps listed, as plannedDependencies lists them); 3 is independent.
    const dependsOn = new Map([
      [1, [0]],
      [2, [0, 1]],
    ]);
    const results = new Map([
      [0, 'failed'],
      [1, 'failed'],
      [2, 'failed'],
      [3, 'built'],
    ]);
    expect([...blameFailedDependencies(results, dependsOn, failed, blame)]).toEqual([
      [0, 'failed'],
      [1, '1 blamed on 0'],
      [2, '2 blamed on 0'],
      [3, 'built'],
    ]);
  });

  it('keeps a failure of its own when every dependency built, and never blames a success', () => {
    const dependsOn = new Map([
      [1, [0]],
      [2, [1]],
    ]);
    const results = new Map([
      [0, 'built'],
      [1, 'failed'],
      [2, 'built'],
    ]);
    expect([...blameFailedDependencies(results, dependsOn, failed, blame)]).toEqual([
      [0, 'built'],
      [1, 'failed'],
      [2, 'built'],
    ]);
  });
});
