/**
 * Workflow YAML wherever users read it (.github/workflows, the docs' snippets, examples/), made into
 * workflows actionlint can check, and checked: by the pinned actionlint (scripts/tools.sh) and, for the
 * inputs given to stagegate, against action.yml by us as well.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseLintConfig } from '../../src/rules/config.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

/** What a YAML block is, decided from its parsed shape (see `classify`). */
export type Kind = 'workflow' | 'job' | 'steps' | 'step' | 'with' | 'inputs' | 'config';

export interface Block {
  /** Path from the repository root. */
  file: string;
  /** Line of the block's first line in `file` (1-based). */
  line: number;
  text: string;
}

export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
  /** actionlint's rule name, or `stagegate-input` for our own check of `uses: ./`'s `with:` keys. */
  kind: string;
}

export const describeProblem = (p: Problem): string =>
  `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`;

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStep = (v: unknown): boolean => isMapping(v) && ('uses' in v || 'run' in v);

export function actionInputs(): Set<string> {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Mapping };
  return new Set(Object.keys(action.inputs));
}

// ---- Finding the YAML ------------------------------------------------------------------------------

/** The ```yaml / ```yml (or ~~~) fenced blocks of a Markdown text, dedented by their fence's indent. */
export function yamlBlocks(file: string, markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*(\S*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const close = new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end])) end++;
    if (/^ya?ml$/i.test(info)) {
      const body = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l));
      blocks.push({ file, line: i + 2, text: body.join('\n') + '\n' });
    }
    i = end;
  }
  return blocks;
}

function walk(dir: string, keep: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, keep));
    else if (keep(path)) out.push(path);
  }
  return out;
}

/** The workflow files in .github/workflows. */
export function workflowFiles(): string[] {
  return walk(join(ROOT, '.github/workflows'), (p) => /\.ya?ml$/.test(p)).map((p) => relative(ROOT, p));
}

/**
 * Our own docs' YAML: the fenced YAML blocks of every Markdown file at the root and under docs/,
 * examples/ and .github/, and every YAML file under examples/.
 */
export function docBlocks(): Block[] {
  const markdown = [
    ...readdirSync(ROOT)
      .filter((n) => n.endsWith('.md'))
      .sort()
      .map((n) => join(ROOT, n)),
    ...['docs', 'examples', '.github'].flatMap((d) => walk(join(ROOT, d), (p) => p.endsWith('.md'))),
  ];
  const yamlFiles = walk(join(ROOT, 'examples'), (p) => /\.ya?ml$/.test(p));
  return [
    ...markdown.flatMap((p) => yamlBlocks(relative(ROOT, p), readFileSync(p, 'utf8'))),
    ...yamlFiles.map((p) => ({ file: relative(ROOT, p), line: 1, text: readFileSync(p, 'utf8') })),
  ];
}

// ---- Making a workflow of it -----------------------------------------------------------------------

/**
 * How a block is recognised, from its parsed shape, first match wins:
 * - a mapping with `jobs` is a whole workflow;
 * - a mapping with `steps` or `runs-on` is one job;
 * - a list whose items all have `uses` or `run` is a list of steps;
 * - a mapping with `uses` or `run` is one step;
 * - a mapping whose only key is `with` is a step's `with:`, given to stagegate;
 * - a mapping that is a valid `.stagegate.yml` (src/rules/config.ts accepts it) is a config, not a workflow;
 * - any other mapping is a bare map of stagegate's inputs (so a mistyped input fails, never slips by).
 * Anything else (a scalar, a list of something else) is not recognised: an error, so that no snippet
 * goes unchecked because its shape is new.
 */
export function classify(text: string): Kind {
  const doc: unknown = parse(text);
  if (isMapping(doc) && 'jobs' in doc) return 'workflow';
  if (isMapping(doc) && ('steps' in doc || 'runs-on' in doc)) return 'job';
  if (Array.isArray(doc) && doc.length > 0 && doc.every(isStep)) return 'steps';
  if (isStep(doc)) return 'step';
  if (isMapping(doc) && Object.keys(doc).join() === 'with') return 'with';
  if (isMapping(doc)) {
    try {
      parseLintConfig(text, '.stagegate.yml');
      return 'config';
    } catch {
      return 'inputs';
    }
  }
  throw new Error(
    `a YAML block that is neither a workflow, a job, steps, a step, a 'with:' map nor a .stagegate.yml: ${JSON.stringify(doc)}`,
  );
}

const indent = (text: string, by: number): string =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => (l === '' ? l : ' '.repeat(by) + l))
    .join('\n') + '\n';

/**
 * A workflow holding the block, and how many lines come before the block's first line in it. Fragments
 * go into a minimal `on: push` workflow; the block's own lines are kept as they are, only indented.
 */
export function wrap(kind: Kind, text: string): { yaml: string; offset: number } {
  const job = 'on: push\njobs:\n  snippet:\n    runs-on: ubuntu-latest\n';
  switch (kind) {
    case 'workflow':
      return { yaml: text, offset: 0 };
    case 'job':
      return { yaml: 'on: push\njobs:\n  snippet:\n' + indent(text, 4), offset: 3 };
    case 'steps':
      return { yaml: job + '    steps:\n' + indent(text, 6), offset: 5 };
    case 'step':
      return { yaml: job + '    steps:\n      -\n' + indent(text, 8), offset: 6 };
    case 'with':
      return { yaml: job + '    steps:\n      - uses: ./\n' + indent(text, 8), offset: 6 };
    case 'inputs':
      return { yaml: job + '    steps:\n      - uses: ./\n        with:\n' + indent(text, 10), offset: 7 };
    case 'config':
      throw new Error('a .stagegate.yml is not a workflow');
  }
}

/**
 * `uses: stagegate/stagegate@<ref>` (our published name) becomes `uses: ./`, so that actionlint checks
 * its `with:` keys against this checkout's action.yml. Lines are kept, so positions still match.
 */
export function useLocalAction(text: string): { text: string; refs: string[] } {
  const refs: string[] = [];
  const rewritten = text.replace(
    /(\buses:\s*)(['"]?)stagegate\/stagegate(?:@([^\s'"#]*))?\2/g,
    (_all, uses: string, _quote, ref: string | undefined) => {
      refs.push(ref ?? '');
      return `${uses}./`;
    },
  );
  return { text: rewritten, refs };
}

// ---- Checking it -----------------------------------------------------------------------------------

export type Actionlint = { path: string } | { skip: string } | { error: string };

/**
 * The pinned actionlint: $STAGEGATE_ACTIONLINT (scripts/test.sh sets it), or what scripts/tools.sh
 * installs. With no Go that can build it (tools.sh exits 3) it is a skip; anything else is an error.
 */
export function findActionlint(): Actionlint {
  const given = process.env.STAGEGATE_ACTIONLINT;
  if (given) {
    try {
      accessSync(given, constants.X_OK);
      return { path: given };
    } catch {
      return { error: `STAGEGATE_ACTIONLINT=${given} is not an executable file` };
    }
  }
  const tools = spawnSync('bash', [join(ROOT, 'scripts/tools.sh'), 'actionlint'], { encoding: 'utf8' });
  if (tools.status === 0) return { path: tools.stdout.trim() };
  const why = `scripts/tools.sh actionlint exited ${tools.status}: ${tools.stderr.trim()}`;
  return tools.status === 3 ? { skip: why } : { error: why };
}

interface ActionlintError {
  message: string;
  filepath: string;
  line: number;
  column: number;
  kind: string;
}

/**
 * actionlint's errors for `yaml`, read from stdin as the file `file` (a path from the root that exists:
 * actionlint finds the project from it, and with it the action.yml that `uses: ./` names). shellcheck
 * and pyflakes are off, so that the result does not depend on what else this machine has installed.
 */
export function actionlint(bin: string, file: string, yaml: string): Problem[] {
  const run = spawnSync(
    bin,
    ['-no-color', '-shellcheck=', '-pyflakes=', '-format', '{{json .}}', '-stdin-filename', file, '-'],
    { cwd: ROOT, input: yaml, encoding: 'utf8' },
  );
  // 0: no problem; 1: problems found; 2 and 3: bad options or a fatal error.
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`actionlint exited ${run.status} on ${file}: ${run.stderr || run.error?.message}`);
  }
  const errors = (run.stdout.trim() ? JSON.parse(run.stdout) : []) as ActionlintError[];
  return errors.map((e) => ({
    file: e.filepath,
    line: e.line,
    column: e.column,
    message: e.message,
    kind: e.kind,
  }));
}

/** Our own check: every `with:` key of a `uses: ./` step in `yaml` is an input action.yml declares. */
export function localInputProblems(file: string, yaml: string, inputs = actionInputs()): Problem[] {
  const doc = parse(yaml) as { jobs?: Record<string, { steps?: unknown[] }> } | null;
  const problems: Problem[] = [];
  for (const job of Object.values(doc?.jobs ?? {})) {
    for (const step of job?.steps ?? []) {
      if (!isMapping(step) || step.uses !== './' || !isMapping(step.with)) continue;
      for (const name of Object.keys(step.with)) {
        if (inputs.has(name)) continue;
        const at = yaml.split('\n').findIndex((l) => new RegExp(`^\\s*['"]?${name}['"]?\\s*:`).test(l));
        problems.push({
          file,
          line: at + 1,
          column: 1,
          message: `input "${name}" is not an input of stagegate (action.yml)`,
          kind: 'stagegate-input',
        });
      }
    }
  }
  return problems;
}

/**
 * Every problem with one block: recognised, wrapped into a workflow when it is a fragment, our published
 * name pointed at this checkout, and checked by actionlint (when `bin` is given) and by us. Positions are
 * the block's own, in its file. A `.stagegate.yml` block has none: it is not a workflow.
 */
export function checkBlock(block: Block, bin: string | undefined): Problem[] {
  const kind = classify(block.text);
  if (kind === 'config') return [];
  const { yaml, offset } = wrap(kind, useLocalAction(block.text).text);
  const problems = [
    ...(bin ? actionlint(bin, block.file, yaml) : []),
    ...localInputProblems(block.file, yaml),
  ];
  return problems.map((p) => ({
    ...p,
    file: block.file,
    line: block.line + Math.max(0, p.line - 1 - offset),
  }));
}
