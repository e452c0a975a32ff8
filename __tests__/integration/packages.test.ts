/**
 * What changed inside a real image: two builds of a realistic Dockerfile (Debian 12 from
 * debootstrap, `apt-get install` from Debian's archive, `npm ci` from the npm registry) where the PR
 * upgrades openssl and adds less, and upgrades ms and adds is-number in package.json. The package
 * changes, their versions, sizes, layers and instructions, and the largest files added, are checked
 * against the images' own records (dpkg-query, package.json, find, stat run inside each image).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../src/dockerfile/load.js';
import { computeDelta } from '../../src/image/delta.js';
import { measureImage } from '../../src/image/measure.js';
import type { ImageMeasurement, PackageChange, SizeDelta } from '../../src/model.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { DOCKER, describeWithEngine, docker, realDocker } from '../helpers/engine.js';
import { grewReport, withChanges } from '../unit/report/fixtures.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'packages');
const DEBIAN = 'stagegate/debian:bookworm';
const nonce = `${process.pid}-${Date.now()}`;
const tags = { base: `stagegate-test-packages-base-${nonce}`, pr: `stagegate-test-packages-pr-${nonce}` };

/** The Debian base image, made (from its cached rootfs when there is one) when it is missing. */
function ensureDebian(): void {
  if (spawnSync(DOCKER, ['image', 'inspect', DEBIAN]).status === 0) return;
  const script = join(import.meta.dirname, '..', '..', 'scripts', 'base-images.sh');
  const made = spawnSync('bash', [script, 'debian'], {
    encoding: 'utf8',
    env: { ...process.env, STAGEGATE_DOCKER: DOCKER },
  });
  if (made.status !== 0) throw new Error(`${DEBIAN} is missing and could not be made:\n${made.stderr}`);
}

function build(side: 'base' | 'pr'): void {
  // Behind a TLS-intercepting proxy npm needs its CA: passed as a build secret (never in a layer).
  const ca = process.env.NODE_EXTRA_CA_CERTS;
  const secret = ca && existsSync(ca) ? ['--secret', `id=extra-ca,src=${ca}`] : [];
  docker(['build', '-q', ...secret, '-t', tags[side], join(FIXTURE, side)]);
}

const inImage = (tag: string, script: string): string =>
  docker(['run', '--rm', '--entrypoint', 'sh', tag, '-c', script]);

/** `dpkg-query`'s own list: name -> [version, Installed-Size in KiB]. */
function dpkgList(tag: string): Map<string, [string, number]> {
  const out = inImage(
    tag,
    "dpkg-query -W -f '${Package}\\t${Version}\\t${Installed-Size}\\t${db:Status-Abbrev}\\n'",
  );
  const list = new Map<string, [string, number]>();
  for (const line of out.trim().split('\n')) {
    const [name, version, kib, status] = line.split('\t');
    if (status.startsWith('ii')) list.set(name, [version, Number(kib)]);
  }
  return list;
}

/** The npm package's version (its package.json) and bytes (its files, not nested packages'). */
function npmPackage(tag: string, name: string): { version: string; size: number } {
  const dir = `/app/node_modules/${name}`;
  const json = JSON.parse(inImage(tag, `cat ${dir}/package.json`)) as { version: string };
  const sizes = inImage(tag, `find ${dir} -path '${dir}/node_modules' -prune -o -type f -printf '%s\\n'`);
  const size = sizes
    .trim()
    .split('\n')
    .filter(Boolean)
    .reduce((t, s) => t + Number(s), 0);
  return { version: json.version, size };
}

describeWithEngine('packages and files that changed, on real apt-get and npm ci builds', () => {
  let base: ImageMeasurement;
  let pr: ImageMeasurement;
  let delta: SizeDelta;

  beforeAll(async () => {
    ensureDebian();
    build('base');
    build('pr');
    const measure = (side: 'base' | 'pr') => {
      const text = readFileSync(join(FIXTURE, side, 'Dockerfile'), 'utf8');
      return measureImage(realDocker(), tags[side], parseDockerfile(text, 'Dockerfile'), 1);
    };
    [base, pr] = await Promise.all([measure('base'), measure('pr')]);
    delta = computeDelta(pr, base);
  }, 600_000);

  afterAll(() => {
    spawnSync(DOCKER, ['image', 'rm', '-f', tags.base, tags.pr]);
  });

  const changes = (ecosystem: string): PackageChange[] =>
    (delta.packages ?? []).filter((p) => p.ecosystem === ecosystem);

  it('lists the Debian packages dpkg-query lists, at its versions and Installed-Size', () => {
    for (const [tag, measured] of [
      [tags.base, base],
      [tags.pr, pr],
    ] as const) {
      const own = dpkgList(tag);
      const listed = measured.contents!.packages.filter((p) => p.ecosystem === 'deb');
      expect(
        new Map(listed.map((p) => [p.name.replace(/:amd64$/, ''), [p.version, p.size! / 1024]])),
      ).toEqual(own);
    }
  });

  it('reports openssl upgraded and less added, with the versions, sizes and the RUN that did it', () => {
    const before = dpkgList(tags.base);
    const after = dpkgList(tags.pr);
    const expected = [...after]
      .filter(([name, [version]]) => before.get(name)?.[0] !== version)
      .map(([name, [version, kib]]) => ({
        name,
        change: before.has(name) ? 'upgraded' : 'added',
        baseVersion: before.get(name)?.[0],
        headVersion: version,
        headSize: kib * 1024,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(expected.map((e) => e.name)).toEqual(['less', 'openssl']);
    const deb = changes('deb').sort((a, b) => a.name.localeCompare(b.name));
    expect(
      deb.map(({ name, change, baseVersion, headVersion, headSize }) => ({
        name,
        change,
        baseVersion,
        headVersion,
        headSize,
      })),
    ).toEqual(expected);
    for (const c of deb) {
      expect(c.instruction?.text).toMatch(/^RUN apt-get update && apt-get install .*openssl=3\.0\.20/);
      expect(c.instruction?.stage).toBe('runtime');
    }
  });

  it('reports ms upgraded and is-number added, with their sizes from the files and the COPY that brought them', () => {
    const npm = changes('npm');
    const ms = npm.find((c) => c.name === 'ms');
    const isNumber = npm.find((c) => c.name === 'is-number');
    const msBase = npmPackage(tags.base, 'ms');
    const msPr = npmPackage(tags.pr, 'ms');
    const isNumberPr = npmPackage(tags.pr, 'is-number');
    expect(ms).toMatchObject({
      change: 'upgraded',
      baseVersion: msBase.version,
      headVersion: msPr.version,
      baseSize: msBase.size,
      headSize: msPr.size,
      path: '/app/node_modules/ms/package.json',
    });
    expect([msBase.version, msPr.version]).toEqual(['2.1.2', '2.1.3']);
    expect(isNumber).toMatchObject({ change: 'added', headVersion: '7.0.0', headSize: isNumberPr.size });
    expect(isNumberPr.size).toBeGreaterThan(1000);
    expect(npm).toHaveLength(2);
    for (const c of npm)
      expect(c.instruction?.text).toBe('COPY --from=deps /app/node_modules /app/node_modules');
  });

  it('lists the largest files added, at their sizes in the image, with their layer', () => {
    const less = delta.files?.find((f) => f.path === '/usr/bin/less');
    const size = Number(inImage(tags.pr, 'stat -c %s /usr/bin/less').trim());
    expect(less).toMatchObject({ change: 'added', headSize: size, delta: size });
    expect(less?.instruction?.text).toMatch(/^RUN apt-get update/);
    // Nothing the base image itself ships is listed as added.
    expect(delta.files?.some((f) => f.baseImage)).toBe(false);
    const sorted = [...(delta.files ?? [])].sort((a, b) => b.delta - a.delta);
    expect(delta.files).toEqual(sorted);
  });

  it('shows the package changes in the comment, old version to new, with the instruction', () => {
    const report = withChanges(grewReport(), (r) => {
      r.dockerfile = 'Dockerfile';
      r.image = pr;
      r.base.image = base;
      r.delta = delta;
    });
    const md = renderMarkdown(report);
    if (process.env.STAGEGATE_SAMPLE_COMMENT) writeFileSync(process.env.STAGEGATE_SAMPLE_COMMENT, md);
    expect(md).toContain('#### Packages: 2 added, 2 upgraded');
    expect(md).toMatch(/\| ⬆️ upgraded \| `openssl` deb \| `3\.0\.17-1~deb12u2` \| `3\.0\.20-1~deb12u2` \|/);
    expect(md).toMatch(/\| 🆕 added \| `is-number` npm \| — \| `7\.0\.0` \|/);
    expect(md).toContain('Largest files added or grown');
    expect(md).toContain('`/usr/bin/less`');
    expect(md).toContain('```mermaid');
  });
});
