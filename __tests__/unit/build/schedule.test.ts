import { describe, expect, it } from '@jest/globals';
import { runDag } from '../../../src/build/schedule.js';

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

describe('runDag', () => {
  it('starts independent nodes together and a dependent one after its dependencies', async () => {
    const c = controlled();
    const done = runDag({
      nodes: [0, 1, 2],
      dependsOn: new Map([[2, [0, 1]]]),
      concurrency: 4,
      run: c.run,
      succeeded: (ok) => ok,
      skip: () => false,
    });
    await tick();
    expect(c.running()).toEqual([0, 1]);
    await c.finish(0);
    expect(c.running()).toEqual([1]);
    await c.finish(1);
    expect(c.running()).toEqual([2]);
    await c.finish(2);
    expect(await done).toEqual(
      new Map([
        [0, true],
        [1, true],
        [2, true],
      ]),
    );
  });

  it('never runs more than `concurrency` at once', async () => {
    const c = controlled();
    const done = runDag({
      nodes: [0, 1, 2],
      dependsOn: new Map(),
      concurrency: 2,
      run: c.run,
      succeeded: (ok) => ok,
      skip: () => false,
    });
    await tick();
    expect(c.running()).toEqual([0, 1]);
    await c.finish(1);
    expect(c.running()).toEqual([0, 2]);
    await c.finish(0);
    await c.finish(2);
    await done;
    expect(c.events.filter((e) => e.startsWith('start'))).toHaveLength(3);
  });

  it('skips what depends on a failure, naming that dependency, and still runs the rest', async () => {
    const c = controlled();
    const skipped: [number, number][] = [];
    const done = runDag<boolean | string>({
      nodes: [0, 1, 2, 3],
      dependsOn: new Map([
        [1, [0]],
        [2, [1]],
      ]),
      concurrency: 4,
      run: c.run,
      succeeded: (r) => r === true,
      skip: (n, dep) => {
        skipped.push([n, dep]);
        return `skipped ${n}`;
      },
    });
    await tick();
    expect(c.running()).toEqual([0, 3]);
    await c.finish(0, false);
    await c.finish(3);
    const results = await done;
    expect(skipped).toEqual([
      [1, 0],
      [2, 1],
    ]);
    expect(results.get(2)).toBe('skipped 2');
    expect(c.events).not.toContain('start 1');
  });
});
