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
import type { DockerInstruction, VariableUse } from '../../dockerfile/instructions.js';
import type { Rule, RuleHit } from '../types.js';
import { propertyDefinitions, stageStartEnv } from './base-image-env.js';
import { hitFor, ownSteps, suggestName } from './common.js';

/**
 * EXPOSE is not here: BuildKit expands its ports later, in the EXPOSE step, without reporting unset
 * variables (live BuildKit v0.34.2 never reports `EXPOSE ${PORT}`; see docs/rules/undefined-var.md).
 */
const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/** BuildKit's own args that never need a declaration. */
const NON_ENV_ARGS = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);

/** Variables BuildKit would expand in this instruction (heredoc bodies and `--from` excluded). */
const expanded = (v: VariableUse): boolean => !v.heredocBody && v.flag !== 'from';

export const undefinedVar: Rule = {
  id: 'undefined-var',
  severity: 'warning',
  description:
    'Variables should be defined before their use: declare an ARG (global ARGs need `ARG NAME` again inside the stage) or ENV.',
  aliases: ['UndefinedVar'],
  check: ({ model }) => {
    const hits: RuleHit[] = [];
    for (const stage of model.graph.stages) {
      const start = stageStartEnv(model, stage);
      if (!start) continue;
      const defined = new Set(start);
      const report = (i: DockerInstruction, v: VariableUse, reported: Set<string>): void => {
        const name = v.name;
        if (name === '' || defined.has(name) || NON_ENV_ARGS.has(name) || reported.has(name) || v.guarded)
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
      for (const i of ownSteps(stage).slice(1)) {
        const keyword = i.keyword;
        const reported = new Set<string>();
        if (keyword === 'ARG') {
          // Each default sees the names declared before it, within the same ARG too (`ARG A=1 B=$A`).
          (i.properties ?? []).forEach((p, n) => {
            for (const v of i.variables) if (v.property === n) report(i, v, reported);
            for (const d of propertyDefinitions(p)) defined.add(d.name);
          });
          continue;
        }
        if (!EXPANDED.has(keyword)) continue;
        for (const v of i.variables) if (expanded(v)) report(i, v, reported);
        // ENV sees only what was defined before the instruction, as BuildKit expands it as a whole.
        if (keyword === 'ENV') for (const p of i.properties ?? []) defined.add(p.name);
      }
    }
    return hits;
  },
};
