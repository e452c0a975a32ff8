/**
 * The release: scripts/release.sh (the notes from CHANGELOG.md, which major tag moves) and the
 * release workflow that runs it on a v*.*.* tag. GitHub is not reachable from here: the script is run
 * on fixtures, and the workflow's shape is checked.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../../helpers/workflows.js';

const dir = mkdtempSync(join(tmpdir(), 'stagegate-test-release-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function release(
  args: string[],
  changelog?: string,
): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  if (changelog !== undefined) {
    env.CHANGELOG = join(dir, 'CHANGELOG.md');
    writeFileSync(env.CHANGELOG, changelog);
  }
  const run = spawnSync('bash', [join(ROOT, 'scripts/release.sh'), ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const CHANGELOG = `# Changelog

## [Unreleased]

- Something not released yet

## [0.2.0] - 2027-01-02

### Added

- The \`report-file\` input accepts a folder

### Fixed

- One comment, not two

## [0.1.0] - 2026-12-01

- First release

[Unreleased]: https://github.com/stagegate/stagegate/compare/v0.2.0...HEAD
[0.2.0]: https://github.com/stagegate/stagegate/compare/v0.1.0...v0.2.0
[0.1.0]: https://github.com/stagegate/stagegate/releases/tag/v0.1.0
`;

describe('scripts/release.sh notes', () => {
  it("prints the version's section, without its heading, the next one or the link definitions", () => {
    expect(release(['notes', 'v0.2.0'], CHANGELOG)).toEqual({
      status: 0,
      stdout:
        '### Added\n\n- The `report-file` input accepts a folder\n\n### Fixed\n\n- One comment, not two\n',
      stderr: '',
    });
    expect(release(['notes', 'v0.1.0'], CHANGELOG).stdout).toBe('- First release\n');
  });

  it('fails, saying what to add, when the version has no section or an empty one', () => {
    const missing = release(['notes', 'v0.3.0'], CHANGELOG);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain("has no '## [0.3.0]' section with notes");
    const empty = release(
      ['notes', 'v0.3.0'],
      CHANGELOG.replace('## [0.2.0]', '## [0.3.0] - 2027-02-01\n\n## [0.2.0]'),
    );
    expect(empty.status).toBe(1);
  });

  it('takes only release tags', () => {
    for (const tag of ['0.1.0', 'v1', 'v1.2', 'latest']) {
      const run = release(['notes', tag], CHANGELOG);
      expect({ tag, status: run.status }).toEqual({ tag, status: 1 });
      expect(run.stderr).toContain('is not a release tag');
    }
  });
});

describe('scripts/release.sh major-tag', () => {
  const major = (tag: string, ...existing: string[]) =>
    release(['major-tag', tag, ...existing]).stdout.trim();

  it("names the tag's major, when it is the newest release of that major", () => {
    expect(major('v0.1.0')).toBe('v0');
    expect(major('v0.10.0', 'v0.1.0', 'v0.9.3', 'v1.0.0')).toBe('v0');
    expect(major('v1.2.3', 'v1.2.2', 'v0.9.0')).toBe('v1');
  });

  it('moves nothing for a pre-release or a backport older than the newest release of its major', () => {
    expect(major('v1.0.0-rc.1')).toBe('');
    expect(major('v0.1.5', 'v0.1.4', 'v0.2.0')).toBe('');
  });
});

describe('CHANGELOG.md', () => {
  const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;

  it('keeps a changelog: an Unreleased section first, then releases as "## [X.Y.Z] - YYYY-MM-DD"', () => {
    const headings = changelog.split('\n').filter((l) => l.startsWith('## '));
    expect(headings[0]).toBe('## [Unreleased]');
    for (const h of headings.slice(1))
      expect(h).toMatch(/^## \[\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\] - \d{4}-\d{2}-\d{2}$/);
  });

  it("has notes for package.json's version, or lists it as Unreleased until it is released", () => {
    const released = changelog.split('\n').some((l) => l.startsWith(`## [${version}] - `));
    if (released) expect(release(['notes', `v${version}`]).status).toBe(0);
    else expect(changelog).toContain(`the first release, ${version}`);
  });
});

describe('the release workflow', () => {
  type Step = { uses?: string; run?: string };
  const wf = parse(readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8')) as {
    on: { push: { tags: string[] } };
    jobs: Record<string, { needs?: string; permissions: Record<string, string>; steps: Step[] }>;
  };
  const runs = (job: string) => wf.jobs[job].steps.map((s) => s.run ?? '').join('\n');

  it('runs on a version tag, checks the tag, the notes and dist/, and only then may write', () => {
    expect(wf.on).toEqual({ push: { tags: ['v*.*.*'] } });
    expect(runs('check')).toContain('bash scripts/check-dist.sh');
    expect(runs('check')).toContain('bash scripts/release.sh notes');
    expect(runs('check')).toContain("require('./package.json').version");
    expect(wf.jobs.check.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.release.needs).toBe('check');
    expect(wf.jobs.release.permissions).toEqual({ contents: 'write' });
    expect(runs('release')).toContain('gh release create');
    expect(runs('release')).toContain('bash scripts/release.sh major-tag');
    expect(runs('release')).toContain('git push --force origin "refs/tags/$major"');
  });
});
