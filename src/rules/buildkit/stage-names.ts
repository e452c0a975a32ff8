/**
 * BuildKit's checks on `FROM ... AS <name>`: StageNameCasing, FromAsCasing, DuplicateStageName,
 * ReservedStageName (frontend/dockerfile/instructions/parse.go and dockerfile2llb/convert.go). The last
 * two also cover hadolint's DL3024 and DL3063.
 */
import type { DockerInstruction } from '../../dockerfile/instructions.js';
import type { DockerfileModel } from '../../dockerfile/types.js';
import type { Rule, RuleHit } from '../types.js';
import { hitFor } from './common.js';

/** Names BuildKit gives its own meaning in `FROM`/`COPY --from` (`scratch`, the `context` named context). */
const RESERVED_STAGE_NAMES = new Set(['scratch', 'context']);

export const stageNameCasing: Rule = {
  id: 'stage-name-casing',
  severity: 'style',
  description: 'Stage names should be lowercase.',
  aliases: ['StageNameCasing'],
  check: ({ model }) =>
    model.graph.stages
      .filter((s) => s.name !== undefined && s.name !== s.name.toLowerCase())
      .map((s) => hitFor(s.steps[0], `Stage name '${s.name}' should be lowercase`)),
};

export const fromAsCasing: Rule = {
  id: 'from-as-casing',
  severity: 'style',
  description: "The 'as' keyword should match the case of the 'from' keyword.",
  aliases: ['FromAsCasing'],
  check: ({ model }) => {
    const hits: RuleHit[] = [];
    for (const stage of model.graph.stages) {
      const from = stage.steps[0];
      const args = from.words;
      if (args.length < 3) continue;
      const keyword = from.keywordRaw;
      const as = args[1];
      // A FROM of mixed case is ConsistentInstructionCasing's business, as in BuildKit.
      const lower = keyword === keyword.toLowerCase();
      const upper = keyword === keyword.toUpperCase();
      if (!lower && !upper) continue;
      const matches = lower ? as === as.toLowerCase() : as === as.toUpperCase();
      if (!matches) hits.push(hitFor(from, `'${as}' and '${keyword}' keywords' casing do not match`));
    }
    return hits;
  },
};

export const duplicateStageName: Rule = {
  id: 'duplicate-stage-name',
  severity: 'error',
  description: 'Stage names should be unique (they compare case-insensitively).',
  aliases: ['DuplicateStageName', 'unique-stage-names', 'DL3024'],
  check: ({ model }) => {
    const seen = new Set<string>();
    const hits: RuleHit[] = [];
    // The FROM instructions, not the stage graph: hadolint reports this on files the loader refuses.
    for (const from of stageFroms(model)) {
      const key = from.from?.alias?.toLowerCase();
      if (key === undefined) continue;
      if (seen.has(key))
        hits.push(hitFor(from, `Duplicate stage name "${key}", stage names should be unique`));
      seen.add(key);
    }
    return hits;
  },
};

export const reservedStageName: Rule = {
  id: 'reserved-stage-name',
  severity: 'error',
  description: "Reserved words ('scratch', 'context') should not be used as stage names.",
  aliases: ['ReservedStageName', 'stage-name-reserved-word', 'DL3063'],
  check: ({ model }) =>
    stageFroms(model)
      .filter((from) => RESERVED_STAGE_NAMES.has(from.from?.alias?.toLowerCase() ?? ''))
      .map((from) =>
        hitFor(
          from,
          `Stage name should not use the same name as reserved stage "${from.from?.alias?.toLowerCase()}"`,
        ),
      ),
};

/** Every stage's FROM (ONBUILD FROM left out), in file order. */
function stageFroms(model: DockerfileModel): DockerInstruction[] {
  return model.instructions.filter((i) => i.keyword === 'FROM' && !i.onbuild);
}
