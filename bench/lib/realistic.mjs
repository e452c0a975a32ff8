/**
 * The realistic fixtures (bench/fixtures/realistic-300mb, realistic-1gb) and the pure parts of the
 * realistic section: which layers a PR changed, how stagegate's waste figures compare with dive's,
 * and the section's targets (issue 15). No process is started here: data in, data out.
 */
import { join } from 'node:path';

/** The fixtures, smallest first. The PR appends a comment to the app's entry point: only the app layer changes. */
export function realisticFixtures(root) {
  const change = { path: 'app/server.mjs', append: '// changed on the head commit\n' };
  return [
    {
      name: 'realistic-300mb',
      label: 'bench/fixtures/realistic-300mb',
      sourceDir: join(root, 'bench', 'fixtures', 'realistic-300mb'),
      change,
    },
    {
      name: 'realistic-1gb',
      label: 'bench/fixtures/realistic-1gb',
      sourceDir: join(root, 'bench', 'fixtures', 'realistic-1gb'),
      change,
    },
  ];
}

/**
 * The head's layers (diff ids, in order, with their index) that the base image does not have: what a
 * measurement keyed by diff id must read. A layer repeated in the head counts once.
 * @param {string[]} headDiffIds
 * @param {string[]} baseDiffIds
 */
export function changedLayers(headDiffIds, baseDiffIds) {
  const base = new Set(baseDiffIds);
  const seen = new Set();
  const out = [];
  headDiffIds.forEach((diffId, index) => {
    if (base.has(diffId) || seen.has(diffId)) return;
    seen.add(diffId);
    out.push({ diffId, index });
  });
  return out;
}

/** dive's `--json` file, reduced to the three figures it scores an image by. */
export function diveFigures(json) {
  const image = json?.image;
  if (!image || typeof image.inefficientBytes !== 'number' || typeof image.efficiencyScore !== 'number')
    throw new Error('not a dive --json report (no image.inefficientBytes / image.efficiencyScore)');
  return {
    sizeBytes: image.sizeBytes,
    wastedBytes: image.inefficientBytes,
    efficiency: image.efficiencyScore,
    files: image.fileReference?.length ?? 0,
  };
}

/**
 * stagegate's waste figures (the report's `image.waste`) next to dive's: dive's wasted bytes are
 * stagegate's `diveWastedBytes`, dive's efficiency stagegate's `efficiency`. Efficiency is a float
 * both sides compute as a ratio of byte sums: equal means within 1e-9.
 */
export function compareWaste(ours, dive) {
  const oursDive = ours?.diveWastedBytes;
  const rows = [
    {
      figure: "wasted bytes (dive's definition)",
      ours: oursDive,
      dive: dive.wastedBytes,
      equal: oursDive === dive.wastedBytes,
    },
    {
      figure: 'efficiency',
      ours: ours?.efficiency,
      dive: dive.efficiency,
      equal: typeof ours?.efficiency === 'number' && Math.abs(ours.efficiency - dive.efficiency) <= 1e-9,
    },
  ];
  return { rows, equal: rows.every((r) => r.equal), oursWastedBytes: ours?.wastedBytes };
}

/**
 * stagegate's repeated paths (`repeatedPaths` in src/image/waste.ts, every path written more than
 * once) next to dive's `image.fileReference`, path by path: how many paths both list with the same
 * count and byte sum, and every row that differs (listed by one tool only, or with another count or
 * sum), sorted by path. `bytes` sums ours minus dive's over those rows: the whole difference between
 * the two wasted-bytes figures, since each is the sum of its list.
 */
export function comparePaths(ours, diveJson) {
  const refs = diveJson?.image?.fileReference;
  if (!Array.isArray(refs)) throw new Error('not a dive --json report (no image.fileReference)');
  const dive = new Map(refs.map((r) => [r.file, { copies: r.count, bytes: r.sizeBytes }]));
  const differing = [];
  let same = 0;
  for (const o of ours) {
    const theirs = dive.get(o.path);
    dive.delete(o.path);
    const mine = { copies: o.copies, bytes: o.cumulativeBytes };
    if (theirs && theirs.copies === mine.copies && theirs.bytes === mine.bytes) same++;
    else differing.push({ path: o.path, ours: mine, ...(theirs ? { dive: theirs } : {}) });
  }
  for (const [path, theirs] of dive) differing.push({ path, dive: theirs });
  differing.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const bytes = differing.reduce((sum, r) => sum + (r.ours?.bytes ?? 0) - (r.dive?.bytes ?? 0), 0);
  return { same, differing, bytes };
}

/** How far stagegate's waste figures are from dive's, as text ('' when equal). */
export function wasteDifference(comparison) {
  const [bytes, eff] = comparison?.rows ?? [];
  if (!bytes || !eff || comparison.equal) return '';
  const b = (bytes.ours ?? NaN) - bytes.dive;
  const e = (eff.ours ?? NaN) - eff.dive;
  return `${b >= 0 ? '+' : ''}${b} B wasted, ${e >= 0 ? '+' : ''}${e.toExponential(2)} efficiency`;
}

/**
 * Whether the driver's loaded target is exported to a file and measured from it: its entry says so
 * (bench/sections/realistic.mjs DRIVERS); entries kept from runs before it did are docker-container's.
 */
const loadsThroughFile = (d) => d.loadsThroughFile ?? d.driver === 'docker-container';

/** A ratio of medians' samples, or undefined when a side is missing. */
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : undefined);

/**
 * What the engine's API makes the least a figure can be, as the same ratio as the figure (undefined
 * when not measured): a warm hosted job must compress every layer of the base image once (no saved
 * report, no registry for a local base: `docker save | gzip -6` of it), and with a saved report the
 * engine still exports the whole head image to hand over its changed layer (`docker save > /dev/null`,
 * against the measure phase). Not for the saved-report job: it skips the base build the hand-written
 * steps include, so hand-written + export bounds nothing there.
 */
function floors(d) {
  // Where the target is loaded through the file it is exported to (src/build/execute.ts
  // loadsThroughFile), the job reads that file, compressed as built: no `docker save`, no gzip, so
  // those figures bound nothing.
  if (loadsThroughFile(d)) return { warm: undefined, measure: undefined };
  const f = d.floors;
  const hand = d.warm?.handWrittenMs;
  const read = d.oneRead?.ms;
  const over = (extra) => ratio((hand ?? NaN) + extra, (hand ?? NaN) + (read ?? NaN));
  return {
    warm: f?.saveGzipMs !== undefined ? over(f.saveGzipMs) : undefined,
    measure: f?.saveMs !== undefined ? ratio(f.saveMs, read) : undefined,
  };
}

/**
 * The section's targets (issue 15) with the figures that decide them, per fixture and driver:
 * [{figure, target, limit, value, unit, floor}]; `value` undefined when it was not measured, `floor`
 * the least the engine allows (see `floors`) where one applies.
 */
export function realisticTargets(section) {
  const rows = [];
  for (const f of section?.fixtures ?? []) {
    let measureFloor;
    for (const d of f.drivers ?? []) {
      const where = `${f.fixture}, ${d.driver}`;
      const floor = floors(d);
      if (d.driver === 'docker') measureFloor = floor.measure;
      rows.push({
        figure: `Whole job, cold, hosted-runner, ${where}`,
        target: '≤ 1.10× `buildx build --load` (test, target, base)',
        limit: 1.1,
        value: d.cold?.ratio,
        n: d.cold?.n,
      });
      rows.push({
        figure: `Whole job, warm, hosted-runner, ${where}`,
        target: '≤ 1.50× those steps + one read of the changed layers',
        limit: 1.5,
        value: d.warm?.ratio,
        n: d.warm?.n,
        floor: floor.warm,
      });
      if (d.savedReport)
        rows.push({
          figure: `Whole job, warm, saved base report, ${where}`,
          target: '≤ 1.50× those steps + one read of the changed layers',
          limit: 1.5,
          value: d.savedReport.jobRatio,
          n: d.savedReport.n,
        });
    }
    if (f.measureWithReport)
      rows.push({
        figure: `Measuring the PR image with a saved base report, ${f.fixture}`,
        target: '≤ 1.20× one read of its changed layers',
        limit: 1.2,
        value: f.measureWithReport.ratio,
        n: f.measureWithReport.n,
        floor: measureFloor,
      });
    if (f.peakRssKb !== undefined)
      rows.push({
        figure: `Peak memory of the whole job, ${f.fixture}`,
        target: '< 300 MB',
        limit: 299.999,
        value: (f.peakRssKb * 1024) / 1e6,
        unit: 'MB',
      });
    if (f.dive) {
      rows.push({
        figure: `Waste figures equal to dive's, ${f.fixture}`,
        target: 'equal (or explained in docs/size.md)',
        limit: 0,
        value: f.dive.comparison ? (f.dive.comparison.equal ? 0 : 1) : undefined,
        unit: 'equal',
        detail: wasteDifference(f.dive.comparison),
      });
      // The analysis alone (every layer read and listed, none compressed), as dive does it; older
      // figures without that pass compare the measurement that also compresses.
      rows.push({
        figure: `Waste analysis time vs dive, ${f.fixture}`,
        target: '≤ 1.00× dive',
        limit: 1.0,
        value: f.dive.wasteOnlyRatio ?? ratio(f.dive.oursMs, f.dive.diveMs),
      });
    }
  }
  return rows;
}

/**
 * This run's fixtures, with the drivers (and fixtures) it did not run kept from the previous run's
 * figures, so one fixture or driver can be re-measured alone (or several side by side, each with its
 * own --json, merged afterwards). A driver this run measured replaces the earlier one.
 */
export function keepOthers(previous = [], fresh) {
  const out = previous.map((p) => ({ ...p, drivers: [...(p.drivers ?? [])] }));
  for (const f of fresh) {
    const at = out.findIndex((p) => p.fixture === f.fixture);
    if (at < 0) {
      out.push(f);
      continue;
    }
    const kept = out[at].drivers.filter((d) => !f.drivers.some((n) => n.driver === d.driver));
    const merged = { ...out[at], ...f, drivers: [...kept, ...f.drivers] };
    // Figures of the default-daemon driver (image size, peak memory, dive) stay when this run lacked it.
    for (const key of ['imageSize', 'peakRssKb', 'measureWithReport', 'dive'])
      if (f[key] === undefined && out[at][key] !== undefined) merged[key] = out[at][key];
    out[at] = merged;
  }
  return out;
}
