/**
 * Packages added, removed, upgraded and downgraded between the base commit's image and the PR's.
 * Pure. A package is the same package on both sides when its ecosystem, name and record path agree
 * (two copies of one npm package in different folders are two packages); what is left unmatched is
 * then paired by ecosystem and name (an npm package that moved folders, a Python dist-info whose
 * folder name carries its version), and only what is still unmatched is added or removed.
 */
import type { ImageMeasurement, LayerInfo, PackageChange, PackageInfo } from '../../model.js';

/** Splits into digit and non-digit runs; `~` sorts before everything (dpkg's rule), even the end. */
function compareRuns(a: string, b: string): number {
  const runs = (s: string) => s.match(/\d+|[^\d]+/g) ?? [];
  const ra = runs(a);
  const rb = runs(b);
  for (let i = 0; i < Math.max(ra.length, rb.length); i++) {
    const x = ra[i];
    const y = rb[i];
    if (x === y) continue;
    if (x === undefined) return y.startsWith('~') ? 1 : -1;
    if (y === undefined) return x.startsWith('~') ? -1 : 1;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d < 0 ? -1 : 1;
      continue;
    }
    if (x.startsWith('~') !== y.startsWith('~')) return x.startsWith('~') ? -1 : 1;
    if (nx !== ny) return nx ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Orders versions as package managers mostly do (an `epoch:` first, then runs); 0 when equal. */
export function compareVersions(a: string, b: string): number {
  const epoch = (v: string): [number, string] => {
    const m = /^(\d+):(.*)$/.exec(v);
    return m ? [Number(m[1]), m[2]] : [0, v];
  };
  const [ea, va] = epoch(a);
  const [eb, vb] = epoch(b);
  if (ea !== eb) return ea < eb ? -1 : 1;
  return compareRuns(va, vb);
}

function originOf(
  layers: LayerInfo[],
  p: PackageInfo,
): Pick<PackageChange, 'layer' | 'instruction' | 'baseImage'> {
  const l = layers[p.layer];
  return {
    layer: p.layer,
    ...(l?.instruction ? { instruction: l.instruction } : {}),
    ...(l?.baseImage ? { baseImage: l.baseImage } : {}),
  };
}

function changed(base: PackageInfo, head: PackageInfo, layers: LayerInfo[]): PackageChange | undefined {
  if (base.version === head.version) return undefined;
  return {
    ecosystem: head.ecosystem,
    name: head.name,
    change: compareVersions(base.version, head.version) <= 0 ? 'upgraded' : 'downgraded',
    baseVersion: base.version,
    headVersion: head.version,
    ...(base.size !== undefined ? { baseSize: base.size } : {}),
    ...(head.size !== undefined ? { headSize: head.size } : {}),
    sizeDelta: (head.size ?? 0) - (base.size ?? 0),
    path: head.path,
    ...originOf(layers, head),
  };
}

/** Pairs the two lists by `key`, removing the pairs from both; returns the pairs. */
function pairBy(
  base: PackageInfo[],
  head: PackageInfo[],
  key: (p: PackageInfo) => string,
): Array<[PackageInfo, PackageInfo]> {
  const byKey = new Map<string, PackageInfo[]>();
  for (const p of base) byKey.set(key(p), [...(byKey.get(key(p)) ?? []), p]);
  const pairs: Array<[PackageInfo, PackageInfo]> = [];
  const unpairedHead: PackageInfo[] = [];
  for (const h of head) {
    const match = byKey.get(key(h))?.shift();
    if (match) pairs.push([match, h]);
    else unpairedHead.push(h);
  }
  const paired = new Set(pairs.map(([b]) => b));
  base.splice(0, base.length, ...base.filter((p) => !paired.has(p)));
  head.splice(0, head.length, ...unpairedHead);
  return pairs;
}

/** What changed, the largest size change first; undefined when either side has no package list. */
export function diffPackages(base: ImageMeasurement, head: ImageMeasurement): PackageChange[] | undefined {
  if (!base.contents || !head.contents) return undefined;
  const left = [...base.contents.packages];
  const right = [...head.contents.packages];
  const pairs = [
    ...pairBy(left, right, (p) => `${p.ecosystem}\u0000${p.name}\u0000${p.path}`),
    ...pairBy(left, right, (p) => `${p.ecosystem}\u0000${p.name}`),
  ];
  const changes: PackageChange[] = pairs.flatMap(([b, h]) => changed(b, h, head.layers) ?? []);
  for (const h of right) {
    changes.push({
      ecosystem: h.ecosystem,
      name: h.name,
      change: 'added',
      headVersion: h.version,
      ...(h.size !== undefined ? { headSize: h.size } : {}),
      sizeDelta: h.size ?? 0,
      path: h.path,
      ...originOf(head.layers, h),
    });
  }
  for (const b of left) {
    changes.push({
      ecosystem: b.ecosystem,
      name: b.name,
      change: 'removed',
      baseVersion: b.version,
      ...(b.size !== undefined ? { baseSize: b.size } : {}),
      sizeDelta: -(b.size ?? 0),
      path: b.path,
      ...originOf(base.layers, b),
    });
  }
  return changes.sort(
    (a, b) =>
      Math.abs(b.sizeDelta) - Math.abs(a.sizeDelta) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
      (a.path < b.path ? -1 : 1),
  );
}
