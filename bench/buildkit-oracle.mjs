#!/usr/bin/env node
/**
 * The live BuildKit oracle (issue 14, item 6): runs BuildKit's own checks (`docker buildx build
 * --call=check,format=json`, the frontend built into buildkitd) over every Dockerfile in the shared
 * corpus's `real/` folder and every case of `buildkit-lint-cases.jsonl`, and writes what BuildKit
 * reported to __tests__/fixtures/buildkit-oracle/results.json (file, check, line). The unit test
 * __tests__/unit/rules/buildkit-oracle.test.ts compares our findings with that file, so the test needs
 * no engine; this script is how the file is regenerated.
 *
 *   eval "$(bash scripts/engines.sh up remote)"     # or docker-container: BuildKit v0.34.2, buildx v0.38.2
 *   node bench/buildkit-oracle.mjs [--corpus DIR] [--out FILE]
 *
 * Three things make the run hermetic (there is no registry on the internet here, and the corpus is read
 * in place, never copied):
 * - `# syntax=` would make the built-in frontend forward to that frontend image (a pull). buildx's
 *   `BUILDKIT_SYNTAX` build-arg only swaps one image for another, so instead the text is sent on stdin
 *   with the syntax directive replaced, on its own line, by a directive that changes nothing (`# escape=\`,
 *   the default, or `# check=error=false`, the default, when the file already sets escape): line numbers
 *   and the other directives stay as they are.
 * - The check resolves every base image and `COPY --from` image. Each one it cannot resolve is replaced
 *   with an empty named build context (`--build-context NAME=<empty dir>`) and the check re-run, so base
 *   images carry no config: checks that read an image's config (InvalidBaseImagePlatform, variables the
 *   image's ENV defines) are measured without it, as stagegate sees the file.
 * - The build context is an empty directory (a `.dockerignore` of `tmp` for the CopyIgnoredFile docs
 *   cases, as their note assumes).
 * - A file on a Windows base image (`FROM …windows…`, nanoserver, servercore) is checked with
 *   `--platform windows/amd64`, as it is built: BuildKit reads `WORKDIR C:\\go` as relative otherwise.
 * Each file is checked twice: with BuildKit's defaults (experimental checks off) and with
 * `BUILDKIT_DOCKERFILE_CHECK=experimental=all`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: resolve(REPO, '../shared/corpus') },
    out: { type: 'string', default: join(REPO, '__tests__/fixtures/buildkit-oracle/results.json') },
  },
});
const DOCKER = process.env.STAGEGATE_DOCKER || 'docker';
const scratch = mkdtempSync(join(tmpdir(), 'stagegate-oracle-'));
const EMPTY = join(scratch, 'empty');
const IGNORING_TMP = join(scratch, 'ignoring-tmp');
mkdirSync(EMPTY);
mkdirSync(IGNORING_TMP);
writeFileSync(join(IGNORING_TMP, '.dockerignore'), 'tmp\n');

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

/** The text with its `# syntax=` directive (if any) swapped for a no-op directive on the same line. */
export function withoutSyntaxDirective(text) {
  const lines = text.split('\n');
  const seen = new Set();
  let syntaxAt = -1;
  for (let i = 0; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i].replace(/\r$/, ''));
    if (!m) break;
    const key = m[1].toLowerCase();
    if (!['syntax', 'escape', 'check'].includes(key)) break;
    seen.add(key);
    if (key === 'syntax') syntaxAt = i;
  }
  if (syntaxAt < 0) return { text, replaced: null };
  const noop = !seen.has('escape') ? '# escape=\\' : !seen.has('check') ? '# check=error=false' : null;
  if (!noop) throw new Error('a file with syntax, escape and check directives: no no-op directive left');
  lines[syntaxAt] = noop;
  return { text: lines.join('\n'), replaced: noop };
}

/** `docker.io/library/alpine:3.20` -> `alpine:3.20`, as BuildKit keys named contexts (FamiliarString). */
function familiar(ref) {
  return ref
    .replace(/^docker\.io\/library\//, '')
    .replace(/^docker\.io\//, '')
    .replace(/:latest$/, '');
}

function check(text, context, extraArgs) {
  const contexts = [];
  for (let attempt = 0; attempt < 40; attempt++) {
    const args = ['buildx', 'build', '--call=check,format=json', '--progress=quiet', '-f', '-'];
    for (const c of contexts) args.push('--build-context', `${c}=${EMPTY}`);
    args.push(...extraArgs, context);
    const run = spawnSync(DOCKER, args, { input: text, encoding: 'utf8', maxBuffer: 64 << 20 });
    let result;
    try {
      result = JSON.parse(run.stdout);
    } catch {
      return { contexts, error: `no JSON from buildx: ${(run.stderr || '').trim().split('\n').pop()}` };
    }
    const message = result.buildError?.message ?? '';
    const unresolved = /failed to resolve source metadata for (\S+?):? /.exec(message)?.[1];
    if (unresolved && !contexts.includes(familiar(unresolved))) {
      contexts.push(familiar(unresolved));
      continue;
    }
    const warnings = (result.warnings ?? []).map((w) => ({
      check: w.ruleName,
      line: w.location?.ranges?.[0]?.start?.line ?? 0,
      endLine: w.location?.ranges?.at(-1)?.end?.line ?? 0,
      message: w.detail,
    }));
    warnings.sort((a, b) => a.line - b.line || a.check.localeCompare(b.check));
    return { contexts, warnings, ...(message ? { error: message } : {}) };
  }
  return { contexts, error: 'too many unresolvable images' };
}

const WINDOWS_BASE = /^\s*FROM\s.*(?:windows|nanoserver|servercore)/im;

function both(text, context) {
  const { text: sent, replaced } = withoutSyntaxDirective(text);
  const platform = WINDOWS_BASE.test(text) ? ['--platform', 'windows/amd64'] : [];
  const byDefault = check(sent, context, platform);
  const all = check(sent, context, [
    ...platform,
    '--build-arg',
    'BUILDKIT_DOCKERFILE_CHECK=experimental=all',
  ]);
  return {
    ...(replaced ? { syntaxReplacedBy: replaced } : {}),
    ...(platform.length ? { platform: platform[1] } : {}),
    ...(byDefault.contexts.length ? { emptyContexts: byDefault.contexts } : {}),
    ...(byDefault.error ? { error: byDefault.error } : {}),
    default: byDefault.warnings ?? [],
    experimentalAll: all.warnings ?? [],
  };
}

function versions() {
  const inspect = spawnSync(DOCKER, ['buildx', 'inspect'], { encoding: 'utf8' }).stdout ?? '';
  const buildx = spawnSync(DOCKER, ['buildx', 'version'], { encoding: 'utf8' }).stdout ?? '';
  return {
    buildkit: /BuildKit version:\s*(\S+)/.exec(inspect)?.[1] ?? 'unknown',
    buildx: /(v\d+\.\d+\.\d+\S*)/.exec(buildx)?.[1] ?? 'unknown',
    driver: /Driver:\s*(\S+)/.exec(inspect)?.[1] ?? 'unknown',
  };
}

const realDir = join(values.corpus, 'real');
const files = {};
for (const name of readdirSync(realDir).sort()) {
  if (name === 'MANIFEST.tsv') continue;
  files[`real/${name}`] = both(readFileSync(join(realDir, name), 'utf8'), EMPTY);
  process.stderr.write('.');
}
const cases = readFileSync(join(values.corpus, 'buildkit-lint-cases.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l, index) => {
    const c = JSON.parse(l);
    const context = c.rule === 'CopyIgnoredFile' ? IGNORING_TMP : EMPTY;
    return { index, rule: c.rule, expect: c.expect, ...both(c.dockerfile, context) };
  });
process.stderr.write('\n');

const out = {
  generatedBy: 'node bench/buildkit-oracle.mjs',
  engine: { ...versions(), frontend: 'built-in dockerfile.v0 (no # syntax forwarding)' },
  files,
  cases,
};
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, JSON.stringify(out, null, 1) + '\n');
const errors = Object.entries(files).filter(([, r]) => r.error);
console.log(
  `${Object.keys(files).length} files, ${cases.length} cases -> ${values.out}; ` +
    `${Object.values(files).reduce((n, r) => n + r.default.length, 0)} default warnings, ` +
    `${Object.values(files).reduce((n, r) => n + r.experimentalAll.length, 0)} with experimental=all; ` +
    `${errors.length} file(s) with a build error:\n${errors.map(([f, r]) => `  ${f}: ${r.error}`).join('\n')}`,
);
