/**
 * A base image tag that names no version: `node:alpine`, `node:lts-alpine`, `php:fpm-alpine`,
 * `python:slim`, `alpine:edge`. Such a tag moves to each new major release, so a rebuild with no change
 * of yours can bring a new Node, PHP or Python. A tag is a version when one of its `-`-separated parts
 * starts with a digit (`20-alpine`, `3.12-slim`, `8.3-fpm-alpine`, `ltsc2022`) or is a distribution
 * release name (`bookworm`, `jammy`). `latest` and no tag are DL3007/DL3006's; a digest pins anyway.
 *
 * Warning for every stage a build uses: the target's FROM chain (the image that ships), the stages it
 * copies from (their image is the toolchain that builds what ships: a new major Node or Rust changes
 * the output, or breaks the build, on a day nothing of yours changed), the test stage and the stages
 * stagegate builds on purpose (the `stages` input). Info for a stage no build uses, and for a build
 * stage that runs nothing of its image but the shell's own built-ins (`RUN echo ... > /log`): its
 * version changes nothing.
 */
import type { Stage, StageGraph } from '../../dockerfile/types.js';
import type { Rule, RuleHit, RuleContext } from '../types.js';
import { reachableStages, stageChain, targetStage } from './stage-facts.js';

/**
 * Release names that are versions of the image they tag: Debian and Ubuntu codenames for those
 * distributions (`debian:bookworm`), Node.js LTS names for node (`node:iron` is Node 20). On other
 * images a codename names the OS under it, not the image's version (`rust:slim-bookworm` floats Rust).
 */
const RELEASE_NAMES: Record<string, Set<string>> = {
  debian: new Set('buster bullseye bookworm trixie forky sid'.split(' ')),
  ubuntu: new Set('bionic focal jammy noble oracular plucky questing'.split(' ')),
  node: new Set('hydrogen iron jod krypton'.split(' ')),
};
RELEASE_NAMES['buildpack-deps'] = new Set([...RELEASE_NAMES.debian, ...RELEASE_NAMES.ubuntu]);

/** Images published without version tags, where a floating tag is the publisher's own scheme. */
const UNVERSIONED_PUBLISHERS = [/^gcr\.io\/distroless\//, /^cgr\.dev\/chainguard\//];

/** True when no part of the tag is a version of `repository` (a digit in it, or its release name). */
export function floatingTag(repository: string, tag: string): boolean {
  const name = repository.toLowerCase().replace(/^(docker\.io\/)?(library\/)?/, '');
  const releases = RELEASE_NAMES[name] ?? new Set<string>();
  const parts = tag.toLowerCase().split(/[-_.]/);
  return !parts.some((p) => /\d/.test(p) || releases.has(p));
}

/** Tag parts that name a release channel, not a variant: a pinned tag replaces them with the version. */
const CHANNELS = new Set(['lts', 'current', 'edge', 'stable', 'mainline', 'rolling']);

/**
 * The pinned tag to suggest: the version in place of a channel (`lts-buster-slim` -> `<major>-buster-slim`,
 * `lts` -> `<major>`; node publishes no `22-lts` tag), else in front of the variant (`alpine` -> `<major>-alpine`).
 */
export function pinnedTagExample(tag: string): string {
  const variant = tag.split('-').filter((p) => !CHANNELS.has(p.toLowerCase()));
  return variant.length ? `<major>-${variant.join('-')}` : '<major>';
}

/** Shell built-ins: a RUN of only these uses the image's shell and nothing else of it. */
const SHELL_BUILTINS = new Set([
  'echo',
  'printf',
  'true',
  'false',
  ':',
  'set',
  'export',
  'unset',
  'cd',
  'test',
  '[',
  'exit',
]);

/** The stages a build of this file uses: the target, the test stage, the `stages` input, and what they need. */
function usedStages(ctx: RuleContext, target: Stage | undefined): Set<number> {
  const roots = [...(target ? [target.index] : []), ...ctx.builtStages];
  if (ctx.testStage !== undefined) roots.push(ctx.testStage);
  return reachableStages(ctx.model.graph, roots);
}

/**
 * Whether the stage, and every used stage built FROM it, runs at least one RUN and only shell
 * built-ins in its RUNs: the image's programs are never run, so its version does not matter. A stage
 * with no RUN is not: it is there for its files (`COPY --from=node /usr/local/bin/node`).
 */
function runsOnlyShellBuiltins(graph: StageGraph, stage: Stage, used: ReadonlySet<number>): boolean {
  const built = graph.stages.filter(
    (s) => used.has(s.index) && stageChain(graph, s.index).some((c) => c.index === stage.index),
  );
  const runs = [stage, ...built.filter((s) => s.index !== stage.index)]
    .flatMap((s) => s.steps)
    .filter((i) => i.keyword === 'RUN');
  return (
    runs.length > 0 && runs.every((r) => (r.script?.commands ?? []).every((c) => SHELL_BUILTINS.has(c.name)))
  );
}

export const floatingImageTag: Rule = {
  id: 'floating-image-tag',
  severity: 'warning',
  description:
    'The base image tag names no version (`node:alpine`, `python:slim`), so it moves to each new major release; pin at least the major version (`node:22-alpine`).',
  aliases: [],
  check(ctx) {
    const target = targetStage(ctx);
    const shipped = new Set(target ? stageChain(ctx.model.graph, target.index).map((s) => s.index) : []);
    const used = usedStages(ctx, target);
    const builds = target ? reachableStages(ctx.model.graph, [target.index]) : new Set<number>();
    const hits: RuleHit[] = [];
    for (const stage of ctx.model.graph.stages) {
      const from = stage.steps[0]?.from;
      // A variable in the reference usually carries the version (`docker:${ENGINE_VERSION}-dind`).
      if (!from || stage.parent !== undefined || from.digest || from.imageRaw.includes('$')) continue;
      const tag = from.tag;
      if (!tag || tag.toLowerCase() === 'latest' || !floatingTag(from.repository, tag)) continue;
      if (UNVERSIONED_PUBLISHERS.some((re) => re.test(from.repository))) continue;
      const ships = shipped.has(stage.index);
      // The shipped image's files ship whatever its RUNs do; elsewhere the image matters if it runs.
      const matters =
        ships || (used.has(stage.index) && !runsOnlyShellBuiltins(ctx.model.graph, stage, used));
      const whose = ships
        ? ' of the image you ship'
        : matters && builds.has(stage.index)
          ? ' of the image that builds what you ship'
          : '';
      hits.push({
        line: stage.line,
        severity: matters ? 'warning' : 'info',
        message: `\`${from.image}\`: the tag \`${tag}\` names no version, so it moves to each new major release${whose}; pin at least the major version (\`${from.repository}:${pinnedTagExample(tag)}\`).`,
      });
    }
    return hits;
  },
};
