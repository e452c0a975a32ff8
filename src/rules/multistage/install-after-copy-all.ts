/**
 * A dependency install (`npm ci`, `pip install -r`, `go mod download`, `bundle install`...) after
 * `COPY . .` in the same stage: every source change invalidates the COPY's layer, so the install re-runs
 * on every build. Copying the manifest first and installing before `COPY . .` keeps the install cached
 * until the dependencies change. An install of the same ecosystem before the `COPY . .` shows the
 * manifest-first pattern is already there (a later `pip install --no-deps .` is then fine), and so does
 * `COPY --from=<stage>` of a stage that installed them manifest-first (a `deps` stage).
 *
 * Builds that download what they lack count as installs (`mvn package`, `./gradlew build`, `cargo
 * build`, `go build`, `pip install .`): after `COPY . .` with nothing of their ecosystem installed
 * before, each source change downloads every dependency again, unless the RUN keeps the downloads in a
 * cache mount (`--mount=type=cache,target=/root/.m2`), which is the other fix. On a Go or Rust
 * toolchain image (`golang`, `rust`) a building `make` counts as that ecosystem's build: the Makefile
 * runs `go build`/`cargo build` (gitea's `make build`).
 */
import type { DockerInstruction as Instruction } from '../../dockerfile/instructions.js';
import type { Stage, StageGraph } from '../../dockerfile/types.js';
import type { Rule, RuleHit } from '../types.js';
import {
  dependencyFetch,
  dependencyInstall,
  DOWNLOAD_CACHES,
  makeBuilds,
  MANIFESTS,
  runCommands,
  toolchainOfImage,
  type Ecosystem,
} from './package-commands.js';
import {
  copiesWholeContext,
  endLineOf,
  keywordOf,
  lineOf,
  parseImageRef,
  stageChain,
} from './stage-facts.js';

/**
 * Ecosystems a stage installed manifest-first: before any `COPY . .` of its FROM chain, or brought in
 * by `COPY --from=<stage>` of a stage that did (`COPY --from=deps /app/node_modules ./node_modules`).
 */
function manifestFirstInstalls(graph: StageGraph, index: number, seen = new Set<number>()): Set<Ecosystem> {
  const installed = new Set<Ecosystem>();
  if (seen.has(index)) return installed;
  seen.add(index);
  let copiedAll = false;
  for (const current of stageChain(graph, index)) {
    for (const instruction of current.steps) {
      if (copiesWholeContext(instruction)) copiedAll = true;
      for (const e of copiedInstalls(graph, current, instruction, seen)) installed.add(e);
      if (copiedAll || keywordOf(instruction) !== 'RUN') continue;
      for (const e of ecosystemsOf(instruction, toolchainOf(graph, current))) installed.add(e);
    }
  }
  return installed;
}

/** The ecosystem of the toolchain image the stage's FROM chain starts from (`golang` -> go), if any. */
function toolchainOf(graph: StageGraph, stage: Stage): Ecosystem | undefined {
  const root = stageChain(graph, stage.index)[0];
  return root && root.parent === undefined ? toolchainOfImage(parseImageRef(root.base).name) : undefined;
}

/** What a `COPY --from=<stage>` brings of that stage's manifest-first installs (nothing for other instructions). */
function copiedInstalls(
  graph: StageGraph,
  stage: Stage,
  instruction: Instruction,
  seen: Set<number>,
): Set<Ecosystem> {
  if (keywordOf(instruction) !== 'COPY') return new Set();
  const line = lineOf(instruction);
  const source = stage.edges.find((e) => e.kind === 'copy' && e.line === line)?.stage;
  return source === undefined ? new Set() : manifestFirstInstalls(graph, source, seen);
}

/** The ecosystems a RUN installs or downloads dependencies of; a building `make` is the toolchain's build. */
function ecosystemsOf(instruction: Instruction, toolchain: Ecosystem | undefined): Set<Ecosystem> {
  return new Set(
    runCommands(instruction).flatMap(
      (c) => dependencyInstall(c) ?? dependencyFetch(c) ?? (toolchain && makeBuilds(c) ? toolchain : []),
    ),
  );
}

/** Whether a RUN keeps the ecosystem's downloads in a cache mount, so a re-run downloads nothing. */
function cachesDownloads(stage: Stage, instruction: Instruction, ecosystem: Ecosystem): boolean {
  const where = DOWNLOAD_CACHES[ecosystem];
  const step = stage.steps.find((s) => s.line === lineOf(instruction));
  return (
    where !== undefined && (step?.mounts ?? []).some((m) => m.type === 'cache' && where.test(m.target ?? ''))
  );
}

export const installAfterCopyAll: Rule = {
  id: 'install-after-copy-all',
  severity: 'warning',
  description:
    'Dependencies are installed after `COPY . .`, so any source change re-runs the install; copy the manifest and lockfile first, install, then `COPY . .`.',
  aliases: [],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const stage of ctx.model.graph.stages) {
      // The stage's FROM chain counts: `FROM deps AS build` builds on deps' files and installs.
      const chain = stageChain(ctx.model.graph, stage.index);
      const toolchain = toolchainOf(ctx.model.graph, stage);
      let copyAllLine: number | undefined;
      let ranAfterCopy = false;
      const installedBeforeCopy = new Set<Ecosystem>();
      for (const current of chain) {
        const own = current.index === stage.index;
        for (const instruction of current.steps) {
          // Dependencies installed manifest-first in another stage and copied in count as installed here.
          for (const e of copiedInstalls(ctx.model.graph, current, instruction, new Set([stage.index])))
            installedBeforeCopy.add(e);
          if (copiesWholeContext(instruction)) {
            copyAllLine ??= lineOf(instruction);
            continue;
          }
          if (keywordOf(instruction) !== 'RUN') continue;
          const ecosystems = ecosystemsOf(instruction, toolchain);
          if (copyAllLine === undefined) {
            for (const e of ecosystems) installedBeforeCopy.add(e);
            continue;
          }
          // A build downloads what it lacks the first time only: after the first RUN that follows
          // `COPY . .` (a `make build` may have fetched everything), later builds fetch nothing new.
          const installs = new Set(runCommands(instruction).flatMap((c) => dependencyInstall(c) ?? []));
          const firstRun = !ranAfterCopy;
          ranAfterCopy = true;
          if (!own) continue;
          const late = [...ecosystems].filter(
            (e) =>
              !installedBeforeCopy.has(e) &&
              !cachesDownloads(current, instruction, e) &&
              (installs.has(e) || firstRun),
          );
          if (late.length === 0) continue;
          const manifests = late.map((e) => MANIFESTS[e]).join('; ');
          hits.push({
            line: lineOf(instruction),
            endLine: endLineOf(instruction),
            message: `This install runs after the whole context was copied (line ${copyAllLine}), so every source change re-runs it; COPY ${manifests} first, install, then COPY the rest.`,
          });
        }
      }
    }
    return hits;
  },
};
