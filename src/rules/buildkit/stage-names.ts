/**
 * BuildKit's checks on `FROM ... AS <name>`: StageNameCasing, FromAsCasing, DuplicateStageName,
 * ReservedStageName (frontend/dockerfile/instructions/parse.go and dockerfile2llb/convert.go).
 */
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
  aliases: ['DuplicateStageName'],
  check: ({ model }) => {
    const seen = new Set<string>();
    const hits: RuleHit[] = [];
    for (const stage of model.graph.stages) {
      if (stage.name === undefined) continue;
      const key = stage.name.toLowerCase();
      if (seen.has(key))
        hits.push(hitFor(stage.steps[0], `Duplicate stage name "${key}", stage names should be unique`));
      seen.add(key);
    }
    return hits;
  },
};

export const reservedStageName: Rule = {
  id: 'reserved-stage-name',
  severity: 'error',
  description: "Reserved words ('scratch', 'context') should not be used as stage names.",
  aliases: ['ReservedStageName'],
  check: ({ model }) =>
    model.graph.stages
      .filter((s) => s.name !== undefined && RESERVED_STAGE_NAMES.has(s.name.toLowerCase()))
      .map((s) =>
        hitFor(
          s.steps[0],
          `Stage name should not use the same name as reserved stage "${s.name?.toLowerCase()}"`,
        ),
      ),
};
