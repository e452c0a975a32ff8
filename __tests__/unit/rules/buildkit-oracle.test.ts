/**
 * Agreement with live BuildKit on real Dockerfiles (issue 14, item 6). BuildKit v0.34.2's own checks
 * were run over every file of the corpus's `real/` folder by `node bench/buildkit-oracle.mjs`; what it
 * reported is __tests__/fixtures/buildkit-oracle/results.json (our measurement, regenerated from a live
 * engine by that script). Here stagegate lints the same files as `stagegate lint` does, and for every
 * BuildKit check one of our rules aliases:
 *
 *   agreement = |B ∩ S| / |B ∪ S|, over (file, line) pairs,
 *
 * B = the lines BuildKit reported that check on, S = the start lines of our findings carrying that alias
 * (each line of a finding said once for repeats, `alsoAt`).
 * A check neither side reports anywhere agrees fully. It must be >= 99% for each check. BuildKit's
 * default run (experimental checks off) is compared with our defaults; its `experimental=all` run, for
 * the experimental checks, with every rule of ours on. Files BuildKit cannot check with default build
 * args (it stops at an error, e.g. a FROM whose ARG has no default) are left out and listed, except for
 * InvalidDefaultArgInFrom, which BuildKit checks before it stops; so are files our loader refuses. Every disagreement is printed; each is documented on the rule's docs page,
 * "Differences from BuildKit".
 */
import { expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findingLines } from '../../../src/model.js';
import { allRules } from '../../../src/rules/registry.js';
import { describeWithCorpus } from '../../helpers/corpus.js';
import { lintRealCorpus, type LintMode } from '../../helpers/real-corpus-lint.js';

interface OracleWarning {
  check: string;
  line: number;
}
interface OracleFile {
  error?: string;
  default: OracleWarning[];
  experimentalAll: OracleWarning[];
}
interface Oracle {
  engine: { buildkit: string; buildx: string };
  files: Record<string, OracleFile>;
}

const here = dirname(fileURLToPath(import.meta.url));
const oracle = JSON.parse(
  readFileSync(join(here, '../../fixtures/buildkit-oracle/results.json'), 'utf8'),
) as Oracle;

/**
 * BuildKit warnings that come from the oracle run having no registry, not from BuildKit: each base
 * image was an empty named context, so it had no image config. With the real image BuildKit reads the
 * image's ENV and OS, and would not report these; stagegate, which knows these images' config, does not
 * either. They are left out of B and printed. (docs/rules/undefined-var.md, workdir-relative-path.md)
 */
const GOPATH = 'golang images set GOPATH in their config; the oracle had no image config';
const WINDOWS = 'a Windows stage: the oracle had no image config, so BuildKit took C:\\go for a Linux path';
const ORACLE_ARTEFACTS: Record<string, string> = {
  'UndefinedVar:real/distribution__distribution__dockerfiles__docs.Dockerfile:21': GOPATH,
  'UndefinedVar:real/go-gitea__gitea__Dockerfile:21': GOPATH,
  'UndefinedVar:real/go-gitea__gitea__Dockerfile:22': GOPATH,
  'UndefinedVar:real/go-gitea__gitea__Dockerfile.rootless:16': GOPATH,
  'UndefinedVar:real/go-gitea__gitea__Dockerfile.rootless:17': GOPATH,
  'UndefinedVar:real/moby__buildkit__Dockerfile:53': GOPATH,
  'WorkdirRelativePath:real/docker-library__golang__1.27__windows__nanoserver-ltsc2025__Dockerfile:30':
    WINDOWS,
  'WorkdirRelativePath:real/docker-library__golang__1.27__windows__windowsservercore-ltsc2025__Dockerfile:88':
    WINDOWS,
};

/**
 * Checks BuildKit runs over every FROM before it builds any stage, so their warnings are complete even
 * in files it then stops on (a FROM whose ARG has no default: the very thing InvalidDefaultArgInFrom is
 * about). These are compared on those files too.
 */
const BEFORE_ERRORS = new Set(['InvalidDefaultArgInFrom']);

/** BuildKit's experimental checks (`Experimental: true` in its linter ruleset, v0.34.2). */
const EXPERIMENTAL = new Set(['InvalidDefinitionDescription']);

/** BuildKit check names (not hadolint's DL/SC ids, nor the kebab-case ids of merged rules). */
const ALIASED = [
  ...new Set(allRules.flatMap((r) => r.aliases).filter((a) => !/^(DL|SC)\d+$|^[a-z0-9-]+$/.test(a))),
].sort();

export interface CheckAgreement {
  check: string;
  both: number;
  onlyBuildkit: string[];
  onlyStagegate: string[];
  rate: number;
}

function agreementFor(check: string): CheckAgreement {
  const mode: LintMode = EXPERIMENTAL.has(check) ? 'all' : 'default';
  const ours = new Map(lintRealCorpus(mode).map((l) => [l.file, l]));
  const b = new Set<string>();
  const s = new Set<string>();
  for (const [file, result] of Object.entries(oracle.files)) {
    const linted = ours.get(file);
    if ((result.error && !BEFORE_ERRORS.has(check)) || !linted || linted.refused) continue;
    const warnings = EXPERIMENTAL.has(check) ? result.experimentalAll : result.default;
    for (const w of warnings)
      if (w.check === check && !ORACLE_ARTEFACTS[`${check}:${file}:${w.line}`]) b.add(`${file}:${w.line}`);
    // BuildKit reports every line; a finding said once for repeats stands for each of its lines.
    for (const f of linted.findings)
      if (f.aliases.includes(check)) for (const line of findingLines(f)) s.add(`${file}:${line}`);
  }
  const both = [...b].filter((k) => s.has(k)).length;
  const union = new Set([...b, ...s]).size;
  return {
    check,
    both,
    onlyBuildkit: [...b].filter((k) => !s.has(k)),
    onlyStagegate: [...s].filter((k) => !b.has(k)),
    rate: union === 0 ? 1 : both / union,
  };
}

describeWithCorpus('agreement with live BuildKit on the real Dockerfiles', () => {
  const skipped = Object.entries(oracle.files)
    .filter(([, r]) => r.error)
    .map(([f, r]) => `${f}: ${r.error}`);
  const refused = lintRealCorpus('default').filter((l) => l.refused);
  const results = ALIASED.map(agreementFor);

  it('has BuildKit results for every real file', () => {
    expect(Object.keys(oracle.files).length).toBe(lintRealCorpus('default').length);
    expect(oracle.engine.buildkit).toMatch(/^v0\.\d+/);
    // Files BuildKit stopped on are few; more would mean the oracle run went wrong.
    expect(skipped.length).toBeLessThan(25);
  });

  it('agrees on >= 99% of (file, line) pairs for every aliased BuildKit check', () => {
    console.log(
      [
        `BuildKit ${oracle.engine.buildkit} (buildx ${oracle.engine.buildx}) vs stagegate on real files:`,
        ...results.map(
          (r) =>
            `  ${r.check}: ${(r.rate * 100).toFixed(1)}% (${r.both} both, ${r.onlyBuildkit.length} only BuildKit, ` +
            `${r.onlyStagegate.length} only stagegate)` +
            [
              ...r.onlyBuildkit.map((k) => `\n    only BuildKit:   ${k}`),
              ...r.onlyStagegate.map((k) => `\n    only stagegate: ${k}`),
            ].join(''),
        ),
        // BuildKit runs no experimental check by default; stagegate's defaults should match (issue 14).
        ...[...EXPERIMENTAL].map((check) => {
          const ours = lintRealCorpus('default').reduce(
            (n, l) => n + l.findings.filter((f) => f.aliases.includes(check)).length,
            0,
          );
          const theirs = Object.values(oracle.files).reduce(
            (n, r) => n + r.default.filter((w) => w.check === check).length,
            0,
          );
          return `  experimental ${check} with both sides' defaults: stagegate ${ours}, BuildKit ${theirs}`;
        }),
        `left out, artefacts of the registry-less oracle run (${Object.keys(ORACLE_ARTEFACTS).length}):`,
        ...Object.entries(ORACLE_ARTEFACTS).map(([k, why]) => `  ${k}: ${why}`),
        `left out, BuildKit stopped with an error (${skipped.length}):`,
        ...skipped.map((s) => `  ${s}`),
        `left out, refused by our loader (${refused.length}):`,
        ...refused.map((r) => `  ${r.file}: ${r.refused}`),
      ].join('\n'),
    );
    expect(results.length).toBeGreaterThanOrEqual(20);
    // Every listed artefact is still a BuildKit warning in the recorded results (the list stays true).
    const recorded = new Set(
      Object.entries(oracle.files).flatMap(([f, r]) => r.default.map((w) => `${w.check}:${f}:${w.line}`)),
    );
    expect(Object.keys(ORACLE_ARTEFACTS).filter((k) => !recorded.has(k))).toEqual([]);
    expect(
      results.filter((r) => r.rate < 0.99).map((r) => `${r.check} ${(r.rate * 100).toFixed(1)}%`),
    ).toEqual([]);
  });
});
