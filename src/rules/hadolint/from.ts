/**
 * Rules about base images (hadolint DL3006, DL3007, DL3026, DL3029). DL3024, DL3063 and DL3065 are
 * aliases of the BuildKit rules duplicate-stage-name, reserved-stage-name and redundant-target-platform.
 */
import { splitImage } from '../../dockerfile/instructions.js';
import type { DockerfileModel } from '../../dockerfile/types.js';
import type { Rule, RuleContext, RuleHit } from '../types.js';
import { isLocalImageName } from '../known-images.js';
import { hitAt, instructionFlags, stepsOf, type Step } from './walk.js';
import {
  platformUsesVariables,
  stageNamedForPlatform,
  stagesSelectedByVariable,
} from '../platform-stages.js';

/** A FROM step and what these rules read of it. */
interface FromStep {
  step: Step;
  /** The image as written (variables unexpanded), its repository (no tag or digest), tag, digest and platform flag. */
  image: string;
  repository: string;
  tag: string | null;
  digest: string | null;
  platform: string | null;
  /** Lower-cased `AS` names of the stages before this one. */
  earlierNames: Set<string>;
}

const fromCache = new WeakMap<DockerfileModel, FromStep[]>();

/** FROM instructions (not ONBUILD FROM), read once per file. */
function fromSteps(ctx: RuleContext): FromStep[] {
  const cached = fromCache.get(ctx.model);
  if (cached) return cached;
  const names = new Set<string>();
  const result: FromStep[] = [];
  for (const step of stepsOf(ctx, 'FROM')) {
    if (step.onbuild) continue;
    const image = step.from?.imageRaw ?? '';
    const { repository, tag, digest } = splitImage(image);
    result.push({
      step,
      image,
      repository,
      tag: tag ?? null,
      digest: digest ?? null,
      platform: step.from?.platformRaw ?? null,
      earlierNames: new Set(names),
    });
    const name = step.from?.alias;
    if (name) names.add(name.toLowerCase());
  }
  fromCache.set(ctx.model, result);
  return result;
}

/** `FROM <stage>` names an earlier stage, not an image: tags and registries do not apply. */
function namesStage(step: FromStep): boolean {
  return step.earlierNames.has(step.image.toLowerCase());
}

const isVariable = (image: string) => image.includes('$');

export const imageTag: Rule = {
  id: 'image-tag',
  severity: 'warning',
  description: 'Always tag the version of an image explicitly: `FROM image:tag` (or pin a digest).',
  aliases: ['DL3006'],
  check(ctx) {
    return fromSteps(ctx)
      .filter((s) => {
        if (!s.image || s.image === 'scratch' || isVariable(s.image) || namesStage(s)) return false;
        return !s.tag && !s.digest;
      })
      .map((s): RuleHit => {
        const message = `Always tag the version of an image explicitly: \`${s.image}\` has no tag.`;
        // A single name that is not a Docker Hub official image cannot be pulled (Docker Hub serves
        // single names only under library/): an image built on the same machine before this build,
        // whose tag is whatever that build gave it, so a version tag here would not pin anything.
        if (!isLocalImageName(s.image)) return hitAt(s.step, message);
        return {
          ...hitAt(s.step, message),
          severity: 'info',
          message: `${message} (info only: \`${s.image}\` is not a Docker Hub official image and names no registry, so no registry serves it: it is an image built or loaded on this machine before this build, and tagging it pins nothing)`,
        };
      });
  },
};

export const imageNotLatest: Rule = {
  id: 'image-not-latest',
  severity: 'warning',
  description:
    'Using `latest` is prone to errors if the image will ever update. Pin the version explicitly to a release tag.',
  aliases: ['DL3007'],
  check(ctx) {
    return fromSteps(ctx)
      .filter((s) => s.tag === 'latest' && !s.digest)
      .map((s): RuleHit => {
        const name = s.repository;
        // `latest` of an image built on this machine is the tag its own build gave it, not a
        // registry's moving tag: the image changes when the project rebuilds it, as intended.
        if (!isLocalImageName(name)) return hitAt(s.step);
        return {
          ...hitAt(s.step),
          severity: 'info',
          message: `Using \`latest\` is prone to errors if the image will ever update (info only: \`${name}\` is not a Docker Hub official image and names no registry, so \`latest\` is the tag an earlier build on this machine gave it).`,
        };
      });
  },
};

export const noPlatformFlag: Rule = {
  id: 'no-from-platform',
  severity: 'warning',
  description:
    'Do not use the --platform flag with a constant platform in FROM: let the builder pick the platform.',
  aliases: ['DL3029'],
  check(ctx) {
    const stages = ctx.model.graph.stages;
    // Worked out only for a file with a constant platform.
    let selected: Set<number> | undefined;
    return fromSteps(ctx)
      .filter((s) => {
        if (s.platform === null || platformUsesVariables(s.platform)) return false;
        // A per-platform stage (named for its OS or architecture, or picked by `FROM base-${TARGETARCH}`)
        // pins its platform on purpose, as BuildKit's FromPlatformFlagConstDisallowed allows.
        const stage = stages[s.step.stage];
        if (!stage) return true;
        if (stageNamedForPlatform(stage.name?.toLowerCase(), s.platform)) return false;
        selected ??= stagesSelectedByVariable(ctx.model);
        return !selected.has(stage.index);
      })
      .map((s) => hitAt(s.step));
  },
};

/** The registry host of an image reference (`docker.io` for Docker Hub short names). */
export function registryOf(image: string): string {
  const slash = image.indexOf('/');
  if (slash === -1) return 'docker.io';
  const first = image.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : 'docker.io';
}

function registryAllowed(registry: string, allowed: string[]): boolean {
  const host = registry === 'index.docker.io' || registry === 'registry-1.docker.io' ? 'docker.io' : registry;
  return allowed.some((pattern) => {
    if (pattern === '*') return true;
    if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
    return pattern === host || (pattern === 'hub.docker.com' && host === 'docker.io');
  });
}

/**
 * Images from registries outside `.stagegate.yml`'s `trustedRegistries` (hadolint's
 * allowedRegistries): in FROM, `COPY --from=<image>` and `RUN --mount=from=<image>`. Off when the list is empty.
 */
export const trustedRegistries: Rule = {
  id: 'trusted-registries',
  severity: 'error',
  description: 'Use only a trusted registry for images (`trustedRegistries` in .stagegate.yml).',
  aliases: ['DL3026'],
  check(ctx) {
    const allowed = ctx.settings.trustedRegistries;
    if (allowed.length === 0) return [];
    const hits: RuleHit[] = [];
    const names = new Set<string>();
    const flag = (step: Step, image: string) => {
      if (
        !image ||
        image === 'scratch' ||
        isVariable(image) ||
        /^\d+$/.test(image) ||
        names.has(image.toLowerCase())
      )
        return;
      const registry = registryOf(image);
      if (!registryAllowed(registry, allowed))
        hits.push(
          hitAt(step, `Image \`${image}\` comes from \`${registry}\`, which is not a trusted registry.`),
        );
    };
    for (const step of stepsOf(ctx, 'FROM', 'COPY', 'RUN')) {
      if (step.keyword === 'FROM') {
        flag(step, step.from?.imageRaw ?? '');
        const name = step.from?.alias;
        if (name) names.add(name.toLowerCase());
        continue;
      }
      for (const f of instructionFlags(step)) {
        if (step.keyword === 'COPY' && f.name === 'from' && f.value) flag(step, f.value);
        if (step.keyword === 'RUN' && f.name === 'mount' && f.value) {
          const from = f.value.split(',').find((kv) => kv.startsWith('from='));
          if (from) flag(step, from.slice(5));
        }
      }
    }
    return hits;
  },
};
