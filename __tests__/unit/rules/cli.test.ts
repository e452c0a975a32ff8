/** `stagegate lint` and `stagegate rules`: output formats and exit codes, with files in a temp dir. */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCommand, rulesCommand, type CliIo } from '../../../src/cli/lint.js';
import { allRules } from '../../../src/rules/registry.js';
import { NO_SHELLCHECK, type ShellChecker } from '../../../src/rules/shell/shellcheck.js';

const dir = mkdtempSync(join(tmpdir(), 'stagegate-cli-lint-'));
writeFileSync(join(dir, 'bad.Dockerfile'), 'FROM alpine AS context\nCMD node server.js\n');
writeFileSync(
  join(dir, 'ok.Dockerfile'),
  'FROM scratch\nCOPY --chown=1000 app /app\nUSER 1000\nCMD ["/app"]\n',
);
writeFileSync(join(dir, 'empty.Dockerfile'), '');
writeFileSync(
  join(dir, 'dupes.Dockerfile'),
  'FROM alpine:3.20 AS build\nRUN make\nFROM alpine:3.20 AS Build\nMAINTAINER me\n',
);

async function run(command: typeof lintCommand, args: string[], shellcheck?: ShellChecker) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (p) => readFileSync(join(dir, p), 'utf8'),
    cwd: dir,
    shellcheck,
  };
  const code = await command(args, io);
  return { code, stdout, stderr };
}

describe('stagegate lint', () => {
  it('prints findings as JSON with 1-based lines and exits 1 for an error', async () => {
    const { code, stdout } = await run(lintCommand, ['--format', 'json', 'bad.Dockerfile']);
    const { findings } = JSON.parse(stdout) as { findings: Record<string, unknown>[] };
    expect(findings).toContainEqual({
      file: 'bad.Dockerfile',
      line: 1,
      endLine: 1,
      rule: 'reserved-stage-name',
      severity: 'error',
      message: 'Stage name should not use the same name as reserved stage "context"',
      // With hadolint's id and the id of the rule merged into it.
      aliases: ['ReservedStageName', 'stage-name-reserved-word', 'DL3063'],
    });
    expect(Object.keys(findings[0]).sort()).toEqual([
      'aliases',
      'endLine',
      'file',
      'line',
      'message',
      'rule',
      'severity',
    ]);
    expect(code).toBe(1);
  });

  it('exits 0 when nothing reaches --fail-on, and 1 when it is lowered', async () => {
    expect((await run(lintCommand, ['--fail-on', 'never', 'bad.Dockerfile'])).code).toBe(0);
    expect((await run(lintCommand, ['ok.Dockerfile'])).code).toBe(0);
    expect((await run(lintCommand, ['--fail-on', 'style', 'bad.Dockerfile'])).code).toBe(1);
  });

  it('prints text as file:line severity rule [aliases]: message', async () => {
    const { stdout, stderr } = await run(lintCommand, ['bad.Dockerfile']);
    expect(stdout).toMatch(
      /^bad\.Dockerfile:2 warning json-args-recommended \[JSONArgsRecommended[^\]]*\]: JSON arguments recommended for CMD/m,
    );
    expect(stderr).toMatch(/finding\(s\) in 1 file\(s\)/);
  });

  it('prints SARIF', async () => {
    const { stdout } = await run(lintCommand, ['--format', 'sarif', '--fail-on', 'never', 'bad.Dockerfile']);
    const log = JSON.parse(stdout) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.map((r) => r.ruleId)).toContain('reserved-stage-name');
  });

  it('applies --config', async () => {
    writeFileSync(join(dir, 'quiet.yml'), 'ignore: [reserved-stage-name, json-args-recommended]\n');
    const { code, stdout } = await run(lintCommand, [
      '--format',
      'json',
      '--config',
      'quiet.yml',
      'bad.Dockerfile',
    ]);
    const rules = (JSON.parse(stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
    expect(rules).not.toContain('reserved-stage-name');
    expect(code).toBe(0);
  });

  it('says why a Dockerfile could not be linted, and exits 1', async () => {
    const { code, stderr } = await run(lintCommand, ['empty.Dockerfile']);
    expect(stderr).toContain('empty.Dockerfile');
    expect(stderr).toContain('no instructions');
    expect(code).toBe(1);
  });

  it('lints a file with two stages of one name: DuplicateStageName at the second, and the rest', async () => {
    const { code, stdout } = await run(lintCommand, ['--format', 'json', 'dupes.Dockerfile']);
    const { findings } = JSON.parse(stdout) as {
      findings: { rule: string; line: number; severity: string; aliases: string[] }[];
    };
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: 'duplicate-stage-name',
        line: 3,
        severity: 'error',
        aliases: expect.arrayContaining(['DuplicateStageName', 'DL3024']),
      }),
    );
    expect(findings.filter((f) => f.rule === 'duplicate-stage-name')).toHaveLength(1);
    expect(findings.map((f) => f.rule)).toContain('maintainer-deprecated');
    expect(code).toBe(1);
  });

  it('says once, however many files, that ShellCheck was missing; it never fails the run for it', async () => {
    const text = await run(lintCommand, ['ok.Dockerfile', 'ok.Dockerfile'], NO_SHELLCHECK);
    expect(text.stderr.match(/ShellCheck is not installed/g)).toHaveLength(1);
    expect(text.code).toBe(0);
    const json = await run(lintCommand, ['--format', 'json', 'ok.Dockerfile'], NO_SHELLCHECK);
    expect((JSON.parse(json.stdout) as { notes: string[] }).notes).toEqual([
      expect.stringContaining('RUN scripts were not checked'),
    ]);
  });

  it('reports ShellCheck comments with their SC code as alias', async () => {
    const checker: ShellChecker = (scripts) => ({
      ran: true,
      comments: scripts.map((s) => [
        {
          line: s.split('\n').length - 1,
          endLine: 1,
          column: 1,
          level: 'warning',
          code: 2164,
          message: 'cd',
        },
      ]),
    });
    const { stdout } = await run(lintCommand, ['--format', 'json', 'dupes.Dockerfile'], checker);
    const { findings, notes } = JSON.parse(stdout) as {
      findings: { rule: string; line: number; aliases: string[] }[];
      notes?: string[];
    };
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'shellcheck', line: 2, aliases: ['SC2164'] }),
    );
    expect(notes).toBeUndefined();
  });

  it('refuses a --target that names no stage, listing the stages', async () => {
    const { code, stderr } = await run(lintCommand, ['--target', 'nope', 'bad.Dockerfile']);
    expect(stderr).toContain("--target 'nope' is not a stage; the stages are: context.");
    expect(code).toBe(1);
  });

  it('passes the well-written seed at --fail-on warning, as the action would build it', async () => {
    const seed = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/dockerfiles/good-multistage');
    let out = '';
    const code = await lintCommand(['--fail-on', 'warning', '--format', 'json', 'Dockerfile'], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
      readFile: (p) => readFileSync(join(seed, p), 'utf8'),
      cwd: seed,
    });
    const severities = (JSON.parse(out) as { findings: { severity: string }[] }).findings.map(
      (f) => f.severity,
    );
    expect(severities.filter((s) => s === 'error' || s === 'warning')).toEqual([]);
    expect(code).toBe(0);
  });

  it.each([
    [[], 'give at least one Dockerfile'],
    [['--format', 'xml', 'ok.Dockerfile'], '--format must be one of text, json, sarif'],
    [
      ['--fail-on', 'fatal', 'ok.Dockerfile'],
      '--fail-on must be one of error, warning, info, style or never',
    ],
    [['--bogus', 'ok.Dockerfile'], "Unknown option '--bogus'"],
  ])('exits 2 for the usage error in %j', async (args, message) => {
    const { code, stderr } = await run(lintCommand, args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('exits 2 for a config it cannot use, naming the key', async () => {
    writeFileSync(join(dir, 'bad.yml'), 'ignores: [x]\n');
    const { code, stderr } = await run(lintCommand, ['--config', 'bad.yml', 'ok.Dockerfile']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown key 'ignores'");
  });
});

describe('stagegate rules', () => {
  it('lists every rule as JSON', async () => {
    const { code, stdout } = await run(rulesCommand, ['--format', 'json']);
    const { rules } = JSON.parse(stdout) as {
      rules: { id: string; severity: string; description: string; aliases: string[] }[];
    };
    expect(code).toBe(0);
    expect(rules).toHaveLength(allRules.length);
    expect(rules).toContainEqual({
      id: 'undefined-var',
      severity: 'warning',
      description: expect.stringContaining('Variables should be defined before their use'),
      aliases: ['UndefinedVar'],
    });
  });

  it('lists them as text, and refuses other formats', async () => {
    expect((await run(rulesCommand, [])).stdout).toMatch(/^stage-name-casing\s+style\s+/m);
    expect((await run(rulesCommand, ['--format', 'sarif'])).code).toBe(2);
  });

  it('lists a BuildKit check and its hadolint twin once, as one rule with both names', async () => {
    const lines = (await run(rulesCommand, [])).stdout.split('\n');
    const mid = lines.filter((l) => /^multiple-instructions-disallowed\s/.test(l));
    expect(mid).toHaveLength(1);
    expect(mid[0]).toContain(
      '[MultipleInstructionsDisallowed, single-cmd, DL4003, single-entrypoint, DL4004, single-healthcheck, DL3012]',
    );
    expect(lines.filter((l) => /^(single-cmd|workdir-absolute|maintainer-instruction)\s/.test(l))).toEqual(
      [],
    );
  });
});
