/**
 * BuildKit's checks on `FROM --platform`: RedundantTargetPlatform (`$TARGETPLATFORM` is already the
 * default; hadolint's DL3065 too) and FromPlatformFlagConstDisallowed (a constant platform pins the stage to one architecture
 * unless the stage is named for it, as in `FROM --platform=linux/arm64 alpine AS build-arm64`).
 */
import type { DockerInstruction } from '../../dockerfile/instructions.js';
import type { Rule, RuleHit } from '../types.js';
import { hitFor } from './common.js';
import {
  parsePlatform,
  platformText,
  platformUsesVariables,
  stageNamedForPlatform,
} from '../platform-stages.js';

function platformFlag(from: DockerInstruction | undefined): string | undefined {
  return from?.from?.platformRaw;
}

export const redundantTargetPlatform: Rule = {
  id: 'redundant-target-platform',
  // hadolint's DL3065 severity, the worse of the two, as the merged finding had.
  severity: 'warning',
  description:
    'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior.',
  aliases: ['RedundantTargetPlatform', 'from-platform-targetplatform', 'DL3065'],
  check: ({ model }) => {
    const hits: RuleHit[] = [];
    for (const stage of model.graph.stages) {
      const from = stage.steps[0];
      const platform = platformFlag(from);
      if (from === undefined || platform === undefined) continue;
      // Exactly `$TARGETPLATFORM` / `${TARGETPLATFORM}` (quotes allowed), nothing around it.
      if (/^(["']?)\$(?:TARGETPLATFORM|\{TARGETPLATFORM\})\1$/.test(platform.trim()))
        hits.push(
          hitFor(
            from,
            `Setting platform to predefined ${platform} in FROM is redundant as this is the default behavior`,
          ),
        );
    }
    return hits;
  },
};

export const fromPlatformFlagConstDisallowed: Rule = {
  id: 'from-platform-flag-const-disallowed',
  severity: 'info',
  description: 'FROM --platform flag should not use a constant value; use $BUILDPLATFORM or a platform ARG.',
  aliases: ['FromPlatformFlagConstDisallowed'],
  check: ({ model }) => {
    const hits: RuleHit[] = [];
    for (const stage of model.graph.stages) {
      const from = stage.steps[0];
      const written = platformFlag(from);
      if (from === undefined || written === undefined) continue;
      const platform = platformText(written);
      // As BuildKit: a variable is never constant, and a stage named for its OS or architecture pins
      // the platform on purpose (BuildKit compares the lower-cased name).
      if (platform === '' || platformUsesVariables(platform)) continue;
      if (parsePlatform(platform).os === '' || stageNamedForPlatform(stage.name?.toLowerCase(), platform))
        continue;
      hits.push(hitFor(from, `FROM --platform flag should not use constant value "${platform}"`));
    }
    return hits;
  },
};
