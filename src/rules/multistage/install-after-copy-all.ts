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
 * What the check asks of each stage and RUN, worked out once per check: a stage's manifest-first
 * installs are read by every stage that copies from it, and a RUN's ecosystems by every stage whose
 * FROM chain holds it.
 */
interface Facts {
  graph: StageGraph;
  manifestFirst: Map<number, Set<Ecosystem>>;
  ecosystems: Map<Instruction, Set<Ecosystem>>;
  installs: Map<Instruction, Set<Ecosystem>>;
}

/**
 * Ecosystems a stage installed manifest-first: before any `COPY . .` of its FROM chain, or brought in
 * by `COPY --from=<stage>` of a stage that did (`COPY --from=deps /app/node_modules ./node_modules`).
 */
function manifestFirstInstalls(facts: Facts, index: number, seen = new Set<number>()): Set<Ecosystem> {
  const known = facts.manifestFirst.get(index);
  if (known) return known;
  const installed = new Set<Ecosystem>();
  if (seen.has(index)) return installed;
  seen.add(index);
  let copiedAll = false;
  for (const current of stageChain(facts.graph, index)) {
    for (const instruction of current.steps) {
      if (copiesWholeContext(instruction)) copiedAll = true;
      for (const e of copiedInstalls(facts, current, instruction, seen)) installed.add(e);
      if (copiedAll || keywordOf(instruction) !== 'RUN') continue;
      for (const e of ecosystemsOf(facts, instruction, toolchainOf(facts.graph, current))) installed.add(e);
    }
  }
  facts.manifestFirst.set(index, installed);
  return installed;
}

const NONE: ReadonlySet<Ecosystem> = new Set();

/** The ecosystem of the toolchain image the stage's FROM chain starts from (`golang` -> go), if any. */
function toolchainOf(graph: StageGraph, stage: Stage): Ecosystem | undefined {
  const root = stageChain(graph, stage.index)[0];
  return root && root.parent === undefined ? toolchainOfImage(parseImageRef(root.base).name) : undefined;
}

/** What a `COPY --from=<stage>` brings of that stage's manifest-first installs (nothing for other instructions). */
function copiedInstalls(
  facts: Facts,
  stage: Stage,
  instruction: Instruction,
  seen: Set<number>,
): ReadonlySet<Ecosystem> {
  if (keywordOf(instruction) !== 'COPY') return NONE;
  const line = lineOf(instruction);
  const source = stage.edges.find((e) => e.kind === 'copy' && e.line === line)?.stage;
  return source === undefined ? NONE : manifestFirstInstalls(facts, source, seen);
}

/**
 * The ecosystems a RUN installs (from a manifest), and those it installs or downloads dependencies of;
 * a building `make` is the toolchain's build. The toolchain is that of the RUN's own FROM chain, so
 * the answer is the RUN's whichever stage asks.
 */
function ecosystemsOf(
  facts: Facts,
  instruction: Instruction,
  toolchain: Ecosystem | undefined,
): Set<Ecosystem> {
  let ecosystems = facts.ecosystems.get(instruction);
  if (!ecosystems) {
    const installs = new Set<Ecosystem>();
    ecosystems = new Set<Ecosystem>();
    for (const c of runCommands(instruction)) {
      const install = dependencyInstall(c);
      if (install) installs.add(install);
      const any = install ?? dependencyFetch(c) ?? (toolchain && makeBuilds(c) ? toolchain : undefined);
      if (any) ecosystems.add(any);
    }
    facts.ecosystems.set(instruction, ecosystems);
    facts.installs.set(instruction, installs);
  }
  return ecosystems;
}

/** The ecosystems a RUN installs from a manifest (after `ecosystemsOf` read it). */
function installsOf(facts: Facts, instruction: Instruction): Set<Ecosystem> {
  return facts.installs.get(instruction) ?? new Set();
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
    const facts: Facts = {
      graph: ctx.model.graph,
      manifestFirst: new Map(),
      ecosystems: new Map(),
      installs: new Map(),
    };
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
          for (const e of copiedInstalls(facts, current, instruction, new Set([stage.index])))
            installedBeforeCopy.add(e);
          if (copiesWholeContext(instruction)) {
            copyAllLine ??= lineOf(instruction);
            continue;
          }
          if (keywordOf(instruction) !== 'RUN') continue;
          const ecosystems = ecosystemsOf(facts, instruction, toolchain);
          if (copyAllLine === undefined) {
            for (const e of ecosystems) installedBeforeCopy.add(e);
            continue;
          }
          // A build downloads what it lacks the first time only: after the first RUN that follows
          // `COPY . .` (a `make build` may have fetched everything), later builds fetch nothing new.
          const installs = installsOf(facts, instruction);
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
