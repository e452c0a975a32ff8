/**
 * The pure parts of the realistic benchmark section (bench/lib/realistic.mjs): which layers a PR
 * changed, how stagegate's waste figures are compared with dive's, and which targets the section
 * decides. The section itself needs minutes of real builds and never runs in CI.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Fixture {
  name: string;
  sourceDir: string;
  change: { path: string; append: string };
}
interface TargetRow {
  figure: string;
  limit: number;
  value?: number;
  unit?: string;
  floor?: number;
}
interface RealisticModule {
  realisticFixtures(root: string): Fixture[];
  changedLayers(head: string[], base: string[]): { diffId: string; index: number }[];
  diveFigures(json: unknown): { wastedBytes: number; efficiency: number; sizeBytes: number; files: number };
  compareWaste(
    ours: { wastedBytes: number; diveWastedBytes?: number; efficiency: number } | undefined,
    dive: { wastedBytes: number; efficiency: number },
  ): { equal: boolean; rows: { figure: string; equal: boolean }[] };
  realisticTargets(section: unknown): TargetRow[];
  comparePaths(
    ours: { path: string; copies: number; cumulativeBytes: number }[],
    dive: unknown,
  ): {
    same: number;
    bytes: number;
    differing: {
      path: string;
      ours?: { copies: number; bytes: number };
      dive?: { copies: number; bytes: number };
    }[];
  };
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const load = async (): Promise<RealisticModule> =>
  (await import(pathToFileURL(join(ROOT, 'bench/lib/realistic.mjs')).href)) as RealisticModule;

describe('realistic benchmark fixtures', () => {
  it('each fixture builds FROM the debootstrap image, has a test stage, a lockfile and the file the PR edits', async () => {
    const { realisticFixtures } = await load();
    const fixtures = realisticFixtures(ROOT);
    expect(fixtures.map((f) => f.name)).toEqual(['realistic-300mb', 'realistic-1gb']);
    for (const f of fixtures) {
      const dockerfile = readFileSync(join(f.sourceDir, 'Dockerfile'), 'utf8');
      expect(dockerfile).toMatch(/^FROM stagegate\/debian:bookworm AS deps$/m);
      expect(dockerfile).toMatch(/^FROM deps AS test$/m);
      expect(dockerfile).toMatch(/npm ci /);
      const lock = JSON.parse(readFileSync(join(f.sourceDir, 'package-lock.json'), 'utf8')) as {
        lockfileVersion: number;
      };
      expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
      // The PR changes the app layer only: the edited file is under app/, which only `COPY app/` reads.
      expect(f.change.path.startsWith('app/')).toBe(true);
      expect(existsSync(join(f.sourceDir, f.change.path))).toBe(true);
      // The final stage is the app (the benchmarks' target is the last stage).
      expect(
        dockerfile
          .trim()
          .split('\n')
          .filter((l) => l.startsWith('FROM '))
          .at(-1),
      ).toBe('FROM deps AS app');
    }
  });
});

describe('changedLayers', () => {
  it('keeps the head layers the base lacks, with their index, each once', async () => {
    const { changedLayers } = await load();
    expect(changedLayers(['a', 'b', 'c', 'd', 'c'], ['a', 'b', 'x'])).toEqual([
      { diffId: 'c', index: 2 },
      { diffId: 'd', index: 3 },
    ]);
    expect(changedLayers(['a', 'b'], ['a', 'b'])).toEqual([]);
  });
});

describe('dive comparison', () => {
  const diveJson = {
    layer: [],
    image: { sizeBytes: 1000, inefficientBytes: 300, efficiencyScore: 0.85, fileReference: [{}, {}] },
  };

  it("reads dive's --json figures and refuses anything else", async () => {
    const { diveFigures } = await load();
    expect(diveFigures(diveJson)).toEqual({ sizeBytes: 1000, wastedBytes: 300, efficiency: 0.85, files: 2 });
    expect(() => diveFigures({ layer: [] })).toThrow(/not a dive --json report/);
  });

  it("compares dive's wasted bytes with stagegate's diveWastedBytes, not its own wastedBytes", async () => {
    const { compareWaste, diveFigures } = await load();
    const dive = diveFigures(diveJson);
    expect(compareWaste({ wastedBytes: 200, diveWastedBytes: 300, efficiency: 0.85 }, dive).equal).toBe(true);
    const off = compareWaste({ wastedBytes: 300, diveWastedBytes: 299, efficiency: 0.85 }, dive);
    expect(off.equal).toBe(false);
    expect(off.rows.map((r) => r.equal)).toEqual([false, true]);
    expect(compareWaste({ wastedBytes: 0, diveWastedBytes: 300, efficiency: 0.8500001 }, dive).equal).toBe(
      false,
    );
    expect(compareWaste(undefined, dive).equal).toBe(false);
  });
});

describe('path-by-path comparison with dive', () => {
  it("joins stagegate's repeated paths with dive's fileReference and keeps every row that differs", async () => {
    const { comparePaths } = await load();
    const dive = {
      image: {
        fileReference: [
          { count: 2, sizeBytes: 800, file: '/etc/conf' },
          { count: 2, sizeBytes: 0, file: '/node_modules/.bin/mime' },
          { count: 3, sizeBytes: 0, file: '/var/empty' },
        ],
      },
    };
    const ours = [
      { path: '/etc/conf', copies: 2, cumulativeBytes: 800 },
      { path: '/node_modules/.bin/mime', copies: 2, cumulativeBytes: 28 },
      { path: '/usr/only-ours', copies: 2, cumulativeBytes: 5 },
    ];
    const c = comparePaths(ours, dive);
    expect(c.same).toBe(1);
    expect(c.differing).toEqual([
      { path: '/node_modules/.bin/mime', ours: { copies: 2, bytes: 28 }, dive: { copies: 2, bytes: 0 } },
      { path: '/usr/only-ours', ours: { copies: 2, bytes: 5 } },
      { path: '/var/empty', dive: { copies: 3, bytes: 0 } },
    ]);
    expect(c.bytes).toBe(33);
    expect(() => comparePaths(ours, { image: {} })).toThrow(/fileReference/);
  });
});

describe('realisticTargets', () => {
  /** The target rows, by figure, of one fixture `f` measured on the docker driver. */
  async function targetsOf(driver: object, fixture: object): Promise<Record<string, TargetRow>> {
    const { realisticTargets } = await load();
    const section = { fixtures: [{ fixture: 'f', drivers: [{ driver: 'docker', ...driver }], ...fixture }] };
    return Object.fromEntries(realisticTargets(section).map((r) => [r.figure, r]));
  }

  it("yields the issue's targets with the figures that decide them", async () => {
    const by = await targetsOf(
      { cold: { ratio: 1.05, n: 1 }, warm: { ratio: 2, n: 3 }, savedReport: { jobRatio: 1.4, n: 3 } },
      {
        measureWithReport: { ratio: 3, n: 3 },
        peakRssKb: 200_000,
        dive: { oursMs: 10, diveMs: 20, comparison: { equal: true } },
      },
    );
    expect(by['Whole job, cold, hosted-runner, f, docker']).toMatchObject({ limit: 1.1, value: 1.05 });
    expect(by['Whole job, warm, hosted-runner, f, docker']).toMatchObject({ limit: 1.5, value: 2 });
    expect(by['Whole job, warm, saved base report, f, docker']).toMatchObject({ limit: 1.5, value: 1.4 });
    expect(by['Measuring the PR image with a saved base report, f']).toMatchObject({ limit: 1.2, value: 3 });
    expect(by['Peak memory of the whole job, f']?.value).toBeCloseTo(204.8, 1);
    expect(by["Waste figures equal to dive's, f"]).toMatchObject({ value: 0 });
    expect(by['Waste analysis time vs dive, f']).toMatchObject({ limit: 1, value: 0.5 });
    expect(by['Measuring the PR image with a saved base report, f']?.floor).toBeUndefined();
  });

  it("puts the engine's floor beside the figures it bounds, and times the waste analysis alone against dive", async () => {
    const by = await targetsOf(
      {
        warm: { ratio: 9, n: 3, handWrittenMs: 4000 },
        savedReport: { jobRatio: 3, n: 3 },
        oneRead: { ms: 100 },
        floors: { saveMs: 6000, saveGzipMs: 16000 },
      },
      {
        measureWithReport: { ratio: 70, n: 3 },
        dive: { oursMs: 30, diveMs: 20, wasteOnlyRatio: 0.8, comparison: { equal: true } },
      },
    );
    // (hand-written + the floor) / (hand-written + one read of the changed layers)
    expect(by['Whole job, warm, hosted-runner, f, docker']?.floor).toBeCloseTo(20000 / 4100, 6);
    // The saved-report job skips the base build the hand-written steps include: no floor there.
    expect(by['Whole job, warm, saved base report, f, docker']?.floor).toBeUndefined();
    expect(by['Measuring the PR image with a saved base report, f']?.floor).toBeCloseTo(60, 6);
    expect(by['Waste analysis time vs dive, f']?.value).toBe(0.8);
  });

  it('puts no docker save floor beside docker-container, whose job reads the build export instead', async () => {
    const { realisticTargets } = await load();
    const measured = {
      warm: { ratio: 1.2, n: 3, handWrittenMs: 7000 },
      oneRead: { ms: 100 },
      floors: { saveMs: 3000, saveGzipMs: 18000 },
    };
    const section = {
      fixtures: [
        {
          fixture: 'f',
          drivers: [
            { driver: 'docker', ...measured },
            { driver: 'docker-container', ...measured },
          ],
        },
      ],
    };
    const by = Object.fromEntries(realisticTargets(section).map((r) => [r.figure, r]));
    expect(by['Whole job, warm, hosted-runner, f, docker']?.floor).toBeCloseTo(25000 / 7100, 6);
    expect(by['Whole job, warm, hosted-runner, f, docker-container']?.floor).toBeUndefined();
    expect(by['Whole job, warm, hosted-runner, f, docker-container']?.value).toBe(1.2);
  });
});

describe('keepOthers', () => {
  it('replaces the drivers a run measured and keeps the rest, fixture by fixture', async () => {
    const { keepOthers } = (await load()) as RealisticModule & {
      keepOthers(previous: unknown[] | undefined, fresh: unknown[]): unknown[];
    };
    const previous = [
      {
        fixture: 'a',
        drivers: [
          { driver: 'docker', v: 1 },
          { driver: 'dc', v: 2 },
        ],
        dive: { v: 1 },
      },
      { fixture: 'c', drivers: [{ driver: 'docker', v: 5 }] },
    ];
    const fresh = [
      { fixture: 'a', drivers: [{ driver: 'dc', v: 3 }] },
      { fixture: 'b', drivers: [{ driver: 'docker', v: 4 }] },
    ];
    expect(keepOthers(previous, fresh)).toEqual([
      {
        fixture: 'a',
        drivers: [
          { driver: 'docker', v: 1 },
          { driver: 'dc', v: 3 },
        ],
        dive: { v: 1 },
      },
      { fixture: 'c', drivers: [{ driver: 'docker', v: 5 }] },
      { fixture: 'b', drivers: [{ driver: 'docker', v: 4 }] },
    ]);
    expect(keepOthers(undefined, fresh)).toEqual(fresh);
  });
});
