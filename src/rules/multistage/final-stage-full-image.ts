/**
 * The final stage ships a full SDK/build image (node:20, golang, maven, dotnet/sdk...) when a slim,
 * alpine, JRE, runtime or distroless image would run the same program at a fraction of the size.
 * The base is resolved through `FROM <stage>` chains and global ARG defaults.
 */
import type { Rule, RuleHit } from '../types.js';
import {
  chainInstructions,
  finalStageLabel,
  keywordOf,
  parseImageRef,
  shippedImageChain,
  stageLabel,
} from './stage-facts.js';

const DEBIAN_CODENAMES = /-(jessie|stretch|buster|bullseye|bookworm|trixie|forky)$/;
const ALREADY_SMALL = /(^|-)(slim|alpine|windowsservercore|nanoserver|ltsc\d*)/;

/** Interpreters whose official images come in `-slim`/`-alpine` variants; the name is where the suffix goes. */
const SLIM_VARIANTS: Record<string, { slimAfterCodename: boolean }> = {
  node: { slimAfterCodename: true }, // node:20-bookworm-slim
  python: { slimAfterCodename: false }, // python:3.12-slim-bookworm
  ruby: { slimAfterCodename: false }, // ruby:3.3-slim-bookworm
  perl: { slimAfterCodename: false }, // perl:5.40-slim-bookworm
  elixir: { slimAfterCodename: false },
  swift: { slimAfterCodename: false }, // swift:6.0-slim (runtime libraries only)
};

/**
 * The smaller image to name in the message, or undefined when the image is not a full build image
 * (or is one we know nothing about). Pure function of the image reference.
 */
export function slimmerImage(reference: string): string | undefined {
  const { name, tag: rawTag } = parseImageRef(reference);
  const tag = rawTag === '' ? 'latest' : rawTag;
  const tagKnown = !tag.includes('$');

  const slim = SLIM_VARIANTS[name];
  if (slim) {
    if (!tagKnown || ALREADY_SMALL.test(tag)) return undefined;
    if (tag === 'latest') return `${name}:slim or ${name}:alpine`;
    const codename = DEBIAN_CODENAMES.exec(tag)?.[1];
    if (codename) {
      const version = tag.slice(0, -(codename.length + 1));
      const slimTag = slim.slimAfterCodename ? `${version}-${codename}-slim` : `${version}-slim-${codename}`;
      return `${name}:${slimTag} or ${name}:${version}-alpine`;
    }
    return `${name}:${tag}-slim or ${name}:${tag}-alpine`;
  }
  if (name === 'php') {
    // php:8.3-apache has no alpine variant; cli and fpm have.
    if (!tagKnown || /alpine|apache|windows|nanoserver/.test(tag)) return undefined;
    const base = tag === 'latest' ? '' : tag.replace(DEBIAN_CODENAMES, '');
    return `php:${base ? `${base}-` : ''}alpine`;
  }
  if (name === 'openjdk') {
    if (!tagKnown || /jre/.test(tag)) return undefined;
    const major = /^(\d+)/.exec(tag)?.[1];
    return `eclipse-temurin:${major ?? '<version>'}-jre (the openjdk images are deprecated and carry a JDK)`;
  }
  if (name === 'eclipse-temurin' || name === 'ibm-semeru-runtimes' || name === 'sapmachine') {
    if (!tagKnown || /jre/.test(tag)) return undefined;
    if (/jdk/.test(tag)) return `${name}:${tag.replace('jdk', 'jre')}`;
    if (tag === 'latest') return `${name}:jre`;
    return `${name}:${tag.replace(/^([\d._]+)/, '$1-jre')}`;
  }
  if (TOOLCHAINS.test(name)) return toolchainRuntime(name, tag, tagKnown);
  return undefined;
}

/**
 * Images whose job is to compile (Go, Rust, C, Maven, Gradle, the .NET SDK). Swapping them for a runtime
 * image means building in another stage, so the rule only speaks when the Dockerfile already does that.
 */
const TOOLCHAINS = /^(golang|rust|gcc|maven|gradle|mcr\.microsoft\.com\/dotnet\/(core\/)?sdk)$/;

export function isToolchainImage(reference: string): boolean {
  return TOOLCHAINS.test(parseImageRef(reference).name);
}

/** Official language images that are not in the tables above, and buildpack-deps, the build base of several. */
const OTHER_LANGUAGE_IMAGES = new Set(['buildpack-deps', 'pypy', 'openjdk', 'eclipse-temurin', 'erlang']);

/**
 * An official image of a language's interpreter or toolchain, whatever the tag (slim and alpine too):
 * golang, rust, gcc, maven, gradle, the .NET SDK, node, python, ruby, perl, elixir, swift, pypy, openjdk,
 * eclipse-temurin, erlang, and buildpack-deps.
 */
export function isLanguageImage(reference: string): boolean {
  const { name } = parseImageRef(reference);
  return TOOLCHAINS.test(name) || name in SLIM_VARIANTS || OTHER_LANGUAGE_IMAGES.has(name);
}

function toolchainRuntime(name: string, tag: string, tagKnown: boolean): string | undefined {
  if (name === 'golang') {
    return 'gcr.io/distroless/static-debian12, alpine or scratch with only the built binary (every golang tag, alpine included, carries the Go toolchain)';
  }
  if (name === 'rust') {
    return 'gcr.io/distroless/cc-debian12 or debian:bookworm-slim with only the built binary (every rust tag carries the toolchain)';
  }
  if (name === 'gcc') return 'debian:bookworm-slim (or distroless/cc) with only the built binary';
  if (name === 'maven' || name === 'gradle') {
    const jdk = tagKnown ? /(?:jdk|temurin|openjdk|corretto|graal)-?(\d+)/.exec(tag)?.[1] : undefined;
    return `eclipse-temurin:${jdk ?? '<version>'}-jre with only the built jar (${name} images carry a JDK and the build tool)`;
  }
  const dotnet = /^mcr\.microsoft\.com\/dotnet\/(core\/)?sdk$/.exec(name);
  if (dotnet) {
    // SDK versions (8.0.100) differ from runtime versions; keep major.minor and the OS suffix.
    const runtimeTag = tagKnown ? tag.replace(/^(\d+\.\d+)(\.\d+)?/, '$1') : tag;
    const repo = `mcr.microsoft.com/dotnet/${dotnet[1] ?? ''}`;
    return `${repo}aspnet:${runtimeTag} (web apps), ${repo}runtime:${runtimeTag}, or ${repo}runtime-deps:${runtimeTag} for self-contained apps`;
  }
  return undefined;
}

export const finalStageFullImage: Rule = {
  id: 'final-stage-full-image',
  severity: 'warning',
  description:
    'The final stage is based on a full SDK/build image (node:20, golang, maven, dotnet/sdk...); run the app on the slim, alpine, JRE, runtime or distroless variant.',
  aliases: [],
  check(ctx) {
    const shipped = shippedImageChain(ctx);
    if (!shipped) return [];
    const { target, root } = shipped;
    // In a single-stage file, a stage that only runs tools (lint, codegen, `go test`) ships nothing; one
    // that starts a program (CMD/ENTRYPOINT/EXPOSE/HEALTHCHECK) or puts files into the image (COPY/ADD) is
    // an image someone runs. A multi-stage file's target is what it ships.
    const instructions = chainInstructions(ctx.model.graph, target.index);
    const runsSomething = instructions.some((i) =>
      ['CMD', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK'].includes(keywordOf(i)),
    );
    const addsFiles = target.steps.some((i) => ['COPY', 'ADD'].includes(keywordOf(i)));
    const multiStage = ctx.model.graph.stages.length > 1;
    if (!multiStage && !runsSomething && !addsFiles) return [];
    // A toolchain final stage is only fixable by building elsewhere; say so when the build already does.
    const assembles = target.edges.some((e) => e.kind === 'copy' && e.stage !== undefined);
    if (isToolchainImage(root.base) && !assembles) return [];
    const smaller = slimmerImage(root.base);
    if (!smaller) return [];
    const via = root === target ? '' : ` (through stage ${stageLabel(root)})`;
    const hit: RuleHit = {
      line: target.line,
      message: `${finalStageLabel(target, true)} runs on \`${root.base}\`${via}, a full build image; use ${smaller}.`,
    };
    return [hit];
  },
};
