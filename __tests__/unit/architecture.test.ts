/**
 * The layering ESLint enforces (eslint.config.js), proved on probe files placed where a newcomer might
 * put them: each rule must reject what docs/architecture.md forbids, and allow what it allows.
 */
import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.cwd();
const eslint = new ESLint({ cwd: root });

async function messagesFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering', () => {
  it('lets only src/seams/ start processes or use @actions/* and @octokit/*', async () => {
    const code =
      "import { spawn } from 'node:child_process';\nimport * as core from '@actions/core';\nexport const x = [spawn, core];\n";
    const outside = await messagesFor('src/build/probe.ts', code);
    expect(outside.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(2);
    expect(await messagesFor('src/seams/probe.ts', code)).toEqual([]);
  });

  it('keeps src/dockerfile/ and src/rules/ below the build, image, report, baseline and job layers', async () => {
    const code = "import { measureImage } from '../image/measure.js';\nexport const x = measureImage;\n";
    for (const dir of ['src/rules', 'src/dockerfile'])
      expect(await messagesFor(`${dir}/probe.ts`, code)).toEqual([
        expect.stringContaining('may not import the build, image, report, baseline or job layers'),
      ]);
    // The report may read the rules (it renders their findings).
    expect(await messagesFor('src/report/probe.ts', code)).toEqual([]);
  });

  it('keeps dockerfile-ast out of src/rules/: rules read the typed model', async () => {
    const code = "import type { Instruction } from 'dockerfile-ast';\nexport type X = Instruction;\n";
    expect(await messagesFor('src/rules/probe.ts', code)).toEqual([
      expect.stringContaining('Rules read the typed model'),
    ]);
    // The model itself is built from the AST.
    expect(await messagesFor('src/dockerfile/probe.ts', code)).toEqual([]);
    // And the rules keep the layering of src/rules/.
    const up = "import { measureImage } from '../image/measure.js';\nexport const x = measureImage;\n";
    expect(await messagesFor('src/rules/probe.ts', up)).toEqual([
      expect.stringContaining('may not import the build, image, report, baseline or job layers'),
    ]);
  });

  it('fails on an import cycle', async () => {
    const dir = mkdtempSync(join(root, 'src', 'probe-cycle-'));
    try {
      writeFileSync(join(dir, 'a.ts'), "import { b } from './b.js';\nexport const a = (): unknown => b;\n");
      writeFileSync(join(dir, 'b.ts'), "import { a } from './a.js';\nexport const b = (): unknown => a;\n");
      const [result] = await eslint.lintFiles([relative(root, join(dir, 'a.ts'))]);
      expect(result.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps functions in src/ to 80 lines', async () => {
    const long = `export function long(): number {\n  let n = 0;\n${'  n++;\n'.repeat(80)}  return n;\n}\n`;
    expect(await messagesFor('src/build/probe.ts', long)).toEqual([
      expect.stringContaining('max-lines-per-function'),
    ]);
  });
});
