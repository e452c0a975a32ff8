/**
 * A base image tag that names no version: `node:alpine`, `node:lts-alpine`, `php:fpm-alpine`,
 * `python:slim`, `alpine:edge`. Such a tag moves to each new major release, so a rebuild with no change
 * of yours can bring a new Node, PHP or Python. A tag is a version when one of its `-`-separated parts
 * starts with a digit (`20-alpine`, `3.12-slim`, `8.3-fpm-alpine`, `ltsc2022`) or is a distribution
 * release name (`bookworm`, `jammy`). `latest` and no tag are DL3007/DL3006's; a digest pins anyway.
 *
 * Warning for the image that ships (the target's FROM chain); info for build stages, whose image is
 * not shipped and whose drift shows up as a build failure rather than in production.
 */
import type { Rule, RuleHit } from '../types.js';
import { stageChain, targetStage } from './stage-facts.js';

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

export const floatingImageTag: Rule = {
  id: 'floating-image-tag',
  severity: 'warning',
  description:
    'The base image tag names no version (`node:alpine`, `python:slim`), so it moves to each new major release; pin at least the major version (`node:22-alpine`).',
  aliases: [],
  check(ctx) {
    const target = targetStage(ctx);
    const shipped = new Set(target ? stageChain(ctx.model.graph, target.index).map((s) => s.index) : []);
    const hits: RuleHit[] = [];
    for (const stage of ctx.model.graph.stages) {
      const from = stage.steps[0]?.from;
      // A variable in the reference usually carries the version (`docker:${ENGINE_VERSION}-dind`).
      if (!from || stage.parent !== undefined || from.digest || from.imageRaw.includes('$')) continue;
      const tag = from.tag;
      if (!tag || tag.toLowerCase() === 'latest' || !floatingTag(from.repository, tag)) continue;
      if (UNVERSIONED_PUBLISHERS.some((re) => re.test(from.repository))) continue;
      const ships = shipped.has(stage.index);
      hits.push({
        line: stage.line,
        severity: ships ? 'warning' : 'info',
        message: `\`${from.image}\`: the tag \`${tag}\` names no version, so it moves to each new major release${ships ? ' of the image you ship' : ''}; pin at least the major version (\`${from.repository}:${pinnedTagExample(tag)}\`).`,
      });
    }
    return hits;
  },
};
