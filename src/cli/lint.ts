/**
 * `stagegate lint` and `stagegate rules`: the linter on its own, for terminals and other CI systems.
 * Output goes to stdout (text, json or sarif); problems with the command or a file go to stderr.
 * Exit codes: 0 clean, 1 a finding at or above --fail-on (or a Dockerfile that could not be linted),
 * 2 a usage error (unknown option, no file, bad --format/--fail-on, unusable config).
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TEST_STAGE } from '../build/plan.js';
import { findStage } from '../dockerfile/graph.js';
import { parseDockerfile } from '../dockerfile/load.js';
import type { DockerfileModel } from '../dockerfile/types.js';
import { UserError } from '../errors.js';
import { moreLinesText } from '../model.js';
import { loadLintSetup, runLint } from '../rules/lint.js';
import { allRules } from '../rules/registry.js';
import { toSarif } from '../report/sarif.js';
import type { ShellChecker } from '../rules/shell/shellcheck.js';
import { SEVERITIES, type Finding, type Severity } from '../rules/types.js';
import { systemShellcheck } from '../seams/shellcheck.js';

export const LINT_USAGE = `Usage: stagegate lint [options] FILE...

Lints Dockerfiles with stagegate's rules (BuildKit's checks, hadolint's DL rules, multi-stage rules).
FILE may be '-' for standard input.

Options:
  --format text|json|sarif  output format (default text)
  --fail-on SEVERITY        error, warning, info, style or never (default error): exit 1 when a
                            finding is at or above it
  --config PATH             .stagegate.yml (default: .stagegate.yml in the current directory, if any)
  --context DIR             build context, for .dockerignore (default: the Dockerfile's directory)
  --target STAGE            the stage the build targets (default: the last stage)
  --test-stage STAGE        the test stage (default: test, when there is one)
  -h, --help                this help
`;

export const RULES_USAGE = `Usage: stagegate rules [--format text|json]

Lists every rule: id, default severity, aliases (BuildKit check names, hadolint ids), description.
`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
  cwd: string;
  /** ShellCheck for RUN scripts; default (and in `defaultIo`): the machine's. Tests inject their own. */
  shellcheck?: ShellChecker;
}

const defaultIo = (): CliIo => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readFile: (p) => readFileSync(p === '-' ? 0 : p, 'utf8'),
  cwd: process.cwd(),
  shellcheck: systemShellcheck(),
});

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

function usageError(io: CliIo, message: string, usage: string): number {
  io.stderr(`stagegate: ${message}\n\n${usage}`);
  return 2;
}

function jsonFinding(f: Finding) {
  return {
    file: f.file,
    line: f.line,
    endLine: f.endLine,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    aliases: f.aliases,
    ...(f.alsoAt ? { alsoAt: f.alsoAt } : {}),
  };
}

function textFinding(f: Finding): string {
  const aliases = f.aliases.length ? ` [${f.aliases.join(', ')}]` : '';
  return `${f.file}:${f.line} ${f.severity} ${f.rule}${aliases}: ${f.message}${moreLinesText(f)}`;
}

/**
 * The stages the action would build for this Dockerfile with the same inputs: the target (default the
 * last stage), the test stage (default `test` when it exists) and every named stage. Multi-stage rules
 * (unreachable stages, the test stage) read these. A --target/--test-stage that names no stage is a
 * UserError listing the stages.
 */
export function stagesFor(model: DockerfileModel, target?: string, testStage = DEFAULT_TEST_STAGE) {
  const { graph } = model;
  const names = graph.stages.map((s) => s.name ?? String(s.index)).join(', ');
  const pick = (option: string, ref: string) => {
    const stage = findStage(graph, ref);
    if (!stage)
      throw new UserError(
        `${model.file}: ${option} '${ref}' is not a stage; the stages are: ${names}.`,
        'inputs',
      );
    return stage.index;
  };
  const targetIndex = target === undefined ? graph.stages.length - 1 : pick('--target', target);
  const testIndex =
    testStage === '' || (testStage === DEFAULT_TEST_STAGE && !findStage(graph, testStage))
      ? undefined
      : pick('--test-stage', testStage);
  const built = new Set(graph.stages.filter((s) => s.name !== undefined).map((s) => s.index));
  if (targetIndex >= 0) built.add(targetIndex);
  if (testIndex !== undefined) built.add(testIndex);
  return { target: targetIndex, testStage: testIndex, builtStages: [...built].sort((a, b) => a - b) };
}

interface LintFlags {
  config?: string;
  context?: string;
  target?: string;
  'test-stage'?: string;
}

/** Lints each file; one that cannot be read or parsed is counted, and a bad config stops the run. */
function lintFiles(
  files: string[],
  values: LintFlags,
  io: CliIo,
): { findings: Finding[]; unlintable: number; notes: string[] } | 'config-error' {
  const findings: Finding[] = [];
  const notes = new Set<string>();
  let unlintable = 0;
  for (const file of files) {
    let setup;
    try {
      setup = loadLintSetup({
        config: values.config,
        context: values.context ?? (file === '-' ? '.' : dirname(file)),
        file: file === '-' ? 'Dockerfile' : file,
        cwd: io.cwd,
      });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      io.stderr(`stagegate: ${err.message}\n`);
      return 'config-error';
    }
    let text: string;
    try {
      text = io.readFile(file);
    } catch (err) {
      io.stderr(`stagegate: cannot read ${file}: ${(err as Error).message}\n`);
      unlintable++;
      continue;
    }
    try {
      // Two stages of one name are a finding (DuplicateStageName), as in `docker build --check`.
      const model = parseDockerfile(text, file, [], { allowDuplicateStageNames: true });
      const stages = stagesFor(model, values.target, values['test-stage']);
      const result = runLint(model, { ...setup.options, ...stages, shellcheck: io.shellcheck });
      findings.push(...result.findings);
      for (const n of result.notes) notes.add(n);
      for (const n of result.notices) io.stderr(`stagegate: ${n}\n`);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      io.stderr(`stagegate: ${err.message}\n`);
      unlintable++;
    }
  }
  return { findings, unlintable, notes: [...notes] };
}

export async function lintCommand(args: string[], io: CliIo = defaultIo()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        config: { type: 'string' },
        context: { type: 'string' },
        target: { type: 'string' },
        'test-stage': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return usageError(io, (err as Error).message, LINT_USAGE);
  }
  const { values, positionals: files } = parsed;
  if (values.help) {
    io.stdout(LINT_USAGE);
    return 0;
  }
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format))
    return usageError(
      io,
      `--format must be one of ${FORMATS.join(', ')}, not '${values.format}'.`,
      LINT_USAGE,
    );
  const failOn = values['fail-on'] ?? 'error';
  if (failOn !== 'never' && !SEVERITIES.includes(failOn as Severity))
    return usageError(
      io,
      `--fail-on must be one of ${SEVERITIES.join(', ')} or never, not '${failOn}'.`,
      LINT_USAGE,
    );
  if (files.length === 0) return usageError(io, 'give at least one Dockerfile to lint.', LINT_USAGE);

  const linted = lintFiles(files, values, io);
  if (linted === 'config-error') return 2;
  const { findings, unlintable, notes } = linted;
  // Once per run, however many files: e.g. ShellCheck is not installed.
  for (const n of notes) io.stderr(`stagegate: note: ${n}\n`);

  if (format === 'json')
    io.stdout(
      JSON.stringify({ findings: findings.map(jsonFinding), ...(notes.length ? { notes } : {}) }, null, 2) +
        '\n',
    );
  else if (format === 'sarif') io.stdout(JSON.stringify(toSarif(findings, allRules), null, 2) + '\n');
  else if (findings.length) io.stdout(findings.map(textFinding).join('\n') + '\n');

  const limit = failOn === 'never' ? -1 : SEVERITIES.indexOf(failOn as Severity);
  const failing = findings.filter((f) => SEVERITIES.indexOf(f.severity) <= limit).length;
  if (format === 'text')
    io.stderr(
      `${findings.length} finding(s) in ${files.length} file(s)` +
        (failOn === 'never' ? '' : `, ${failing} at or above '${failOn}'`) +
        (unlintable ? `, ${unlintable} file(s) could not be linted` : '') +
        '.\n',
    );
  return failing > 0 || unlintable > 0 ? 1 : 0;
}

export async function rulesCommand(args: string[], io: CliIo = defaultIo()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: false,
      options: { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    return usageError(io, (err as Error).message, RULES_USAGE);
  }
  if (parsed.values.help) {
    io.stdout(RULES_USAGE);
    return 0;
  }
  const format = parsed.values.format ?? 'text';
  if (format === 'json') {
    const rules = allRules.map((r) => ({
      id: r.id,
      severity: r.severity,
      description: r.description,
      aliases: r.aliases,
    }));
    io.stdout(JSON.stringify({ rules }, null, 2) + '\n');
    return 0;
  }
  if (format !== 'text')
    return usageError(io, `--format must be text or json, not '${format}'.`, RULES_USAGE);
  const idWidth = Math.max(...allRules.map((r) => r.id.length));
  const lines = allRules.map((r) => {
    const aliases = r.aliases.length ? ` [${r.aliases.join(', ')}]` : '';
    return `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(7)}  ${r.description}${aliases}\n`;
  });
  io.stdout(lines.join(''));
  return 0;
}
