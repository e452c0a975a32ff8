/**
 * BuildKit's UndefinedVar: a `$VAR` in an instruction BuildKit expands itself (ADD, COPY, ENV, LABEL,
 * STOPSIGNAL, USER, VOLUME, WORKDIR, and ARG defaults) that nothing defined: not the base image,
 * not an ENV or ARG earlier in the stage or the stages it builds on. Global ARGs are not in scope in a
 * stage until it declares them again (`ARG NAME`), which is the usual cause. RUN/CMD/ENTRYPOINT are the
 * shell's business and not checked, as in BuildKit.
 *
 * Deliberate differences (see the docs page): stages on an image whose environment we do not know are
 * not checked (BuildKit pulls the image; we do not), and `${VAR:-default}`-style uses are not reported,
 * since they handle the unset case on purpose.
 */
import type { Instruction, Property, Variable } from 'dockerfile-ast';
import type { Rule, RuleHit } from '../types.js';
import { propertyDefinitions, stageStartEnv } from './base-image-env.js';
import { flagsOf, hitFor, suggestName } from './common.js';

/**
 * EXPOSE is not here: BuildKit expands its ports later, in the EXPOSE step, without reporting unset
 * variables (live BuildKit v0.34.2 never reports `EXPOSE ${PORT}`; see docs/rules/undefined-var.md).
 */
const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/** BuildKit's own args that never need a declaration. */
const NON_ENV_ARGS = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);

/** Last 0-based line of the instruction itself, before any heredoc body. */
function headerEndLine(
  model: { text: string; ast: { getEscapeCharacter(): string } },
  i: Instruction,
  lines: string[],
): number {
  const { start, end } = i.getRange();
  const escape = model.ast.getEscapeCharacter();
  let n = start.line;
  while (n < end.line) {
    const line = lines[n] ?? '';
    if (!line.trimEnd().endsWith(escape) && !(n > start.line && line.trimStart().startsWith('#'))) break;
    n++;
  }
  return n;
}

type Position = { line: number; character: number };
const before = (a: Position, b: Position): boolean =>
  a.line < b.line || (a.line === b.line && a.character <= b.character);
const contains = (r: { start: Position; end: Position }, p: Position): boolean =>
  before(r.start, p) && before(p, r.end);

/** Variables BuildKit would expand in this instruction (heredoc bodies and `--from` excluded). */
function expandedVariables(i: Instruction, headerEnd: number): Variable[] {
  const fromFlags = flagsOf(i).filter((f) => f.getName().toLowerCase() === 'from');
  return i
    .getVariables()
    .filter((v) => v.getRange().start.line <= headerEnd)
    .filter((v) => !fromFlags.some((f) => contains(f.getRange(), v.getRange().start)));
}

function isGuarded(v: Variable): boolean {
  return v.getModifier() !== null;
}

export const undefinedVar: Rule = {
  id: 'undefined-var',
  severity: 'warning',
  description:
    'Variables should be defined before their use: declare an ARG (global ARGs need `ARG NAME` again inside the stage) or ENV.',
  aliases: ['UndefinedVar'],
  check: ({ model }) => {
    const lines = model.text.split(/\r?\n/);
    const hits: RuleHit[] = [];
    for (const stage of model.graph.stages) {
      const start = stageStartEnv(model, stage);
      if (!start) continue;
      const defined = new Set(start);
      const report = (i: Instruction, v: Variable, reported: Set<string>): void => {
        const name = v.getName();
        if (name === '' || defined.has(name) || NON_ENV_ARGS.has(name) || reported.has(name) || isGuarded(v))
          return;
        reported.add(name);
        const suggestion = suggestName(name, defined);
        hits.push(
          hitFor(
            i,
            `Usage of undefined variable '$${name}'${suggestion ? ` (did you mean $${suggestion}?)` : ''}`,
          ),
        );
      };
      for (const i of stage.instructions.slice(1)) {
        const keyword = i.getKeyword();
        const reported = new Set<string>();
        if (keyword === 'ARG') {
          // Each default sees the names declared before it, within the same ARG too (`ARG A=1 B=$A`).
          const vars = i.getVariables();
          for (const p of (i as Instruction & { getProperties(): Property[] }).getProperties()) {
            const r = p.getRange();
            for (const v of vars) if (contains(r, v.getRange().start)) report(i, v, reported);
            for (const d of propertyDefinitions(p)) defined.add(d.name);
          }
          continue;
        }
        if (!EXPANDED.has(keyword)) continue;
        for (const v of expandedVariables(i, headerEndLine(model, i, lines))) report(i, v, reported);
        // ENV sees only what was defined before the instruction, as BuildKit expands it as a whole.
        if (keyword === 'ENV')
          for (const p of (i as Instruction & { getProperties(): Property[] }).getProperties())
            defined.add(p.getName());
      }
    }
    return hits;
  },
};
