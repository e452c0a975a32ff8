/**
 * Ties each layer of the image to the Dockerfile instruction that made it. Pure.
 *
 * The image config's `history` has one entry per instruction that was recorded (BuildKit and the
 * classic builder record RUN, COPY, ADD, WORKDIR, ENV, LABEL, USER, CMD...; whether ARG is recorded
 * depends on the builder) and marks entries without a layer `empty_layer`. Non-empty entries match
 * `rootfs.diff_ids` one to one, in order. The target's instructions are those of its stage chain
 * (the root stage's FROM image, then every stage down to the target, FROM lines excluded). They are
 * the last entries of the history, so the two lists are aligned from the end by instruction
 * keyword: an instruction the builder did not record (ARG) is skipped, and everything before the
 * first matched entry came with the base image (including its ONBUILD triggers).
 */
import type { DockerfileModel } from '../dockerfile/types.js';
import type { InstructionRef } from '../model.js';

export interface HistoryEntry {
  created_by?: string;
  empty_layer?: boolean;
  comment?: string;
}

export interface ImageConfig {
  history?: HistoryEntry[];
  rootfs?: { diff_ids?: string[] };
}

export interface LayerOrigin {
  diffId: string;
  createdBy: string;
  instruction?: InstructionRef;
  baseImage?: string;
}

/** One instruction of the chain, as the history should show it. */
export interface ChainStep {
  keyword: string;
  ref: InstructionRef;
  /** RUN's command as written (continuations joined), to tell two RUNs apart. */
  command?: string;
}

export interface TargetChain {
  /** The root stage's FROM image (`scratch` when none). */
  baseImage: string;
  steps: ChainStep[];
}

const normalize = (s: string): string =>
  s
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The stage chain of `target`, root first, as steps the image history can be matched against. */
export function targetChain(model: DockerfileModel, target: number): TargetChain {
  const stages = model.graph.stages;
  const chain: number[] = [];
  for (let i: number | undefined = target; i !== undefined && !chain.includes(i); i = stages[i]?.parent) {
    chain.unshift(i);
  }
  const lines = model.text.split(/\r?\n/);
  const steps: ChainStep[] = [];
  for (const index of chain) {
    const stage = stages[index];
    const stageName = stage.name ?? String(stage.index);
    for (const inst of stage.steps) {
      // An ONBUILD is recorded as ONBUILD (its trigger runs in images built FROM this one).
      const keyword = inst.onbuild ? 'ONBUILD' : inst.keyword;
      if (keyword === 'FROM') continue;
      const line = inst.line;
      const text = (lines[line - 1] ?? keyword).trim();
      const step: ChainStep = { keyword, ref: { stage: stageName, line, text } };
      if (keyword === 'RUN') {
        const full = lines.slice(line - 1, inst.endLine).join('\n');
        step.command = normalize(full.replace(/^\s*RUN\s+/i, '').replace(/^(--\S+\s+)+/, ''));
      }
      steps.push(step);
    }
  }
  const root = stages[chain[0]];
  return { baseImage: root?.base ?? 'scratch', steps };
}

/** The instruction keyword a history entry records, for BuildKit and the classic builder. */
export function historyKeyword(createdBy: string): string | undefined {
  let text = createdBy.trim();
  const nop = /^\/bin\/sh -c #\(nop\)\s*(.*)$/s.exec(text);
  if (nop) text = nop[1];
  else if (/^(\/bin\/sh|cmd \/S \/C|\|\d+ )/.test(text)) return 'RUN'; // classic builder RUN
  const word = /^([A-Za-z]+)\b/.exec(text)?.[1]?.toUpperCase();
  return word && KEYWORDS.has(word) ? word : undefined;
}

const KEYWORDS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** Does this RUN history entry run this command? (BuildKit prefixes `|N ARG=v /bin/sh -c`.) */
function runMatches(createdBy: string, command: string | undefined): boolean {
  if (!command) return false;
  const recorded = normalize(createdBy.replace(/\s*# buildkit$/, ''));
  const probe = command.slice(0, 60);
  return probe.length > 0 && recorded.includes(probe);
}

/**
 * For every history entry, the chain step it came from (undefined: from the base image, or not
 * known). Aligns from the end; a RUN prefers the step whose command it records.
 */
export function alignHistory(history: HistoryEntry[], steps: ChainStep[]): Array<ChainStep | undefined> {
  const matched: Array<ChainStep | undefined> = new Array(history.length).fill(undefined);
  let next = steps.length - 1;
  for (let h = history.length - 1; h >= 0 && next >= 0; h--) {
    const createdBy = history[h].created_by ?? '';
    const keyword = historyKeyword(createdBy);
    if (!keyword) continue;
    let found = -1;
    for (let s = next; s >= 0; s--) {
      if (steps[s].keyword !== keyword) continue;
      if (found === -1) found = s;
      if (keyword !== 'RUN' || runMatches(createdBy, steps[s].command)) {
        found = s;
        break;
      }
    }
    if (found === -1) continue;
    matched[h] = steps[found];
    next = found - 1;
  }
  return matched;
}

/** Each layer (in `rootfs.diff_ids` order) with its history entry and instruction or base image. */
export function attributeLayers(config: ImageConfig, chain: TargetChain | undefined): LayerOrigin[] {
  const diffIds = config.rootfs?.diff_ids ?? [];
  const history = config.history ?? [];
  const matched = chain ? alignHistory(history, chain.steps) : [];
  const firstOwn = matched.findIndex((m) => m !== undefined);
  const withLayer = history
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => !entry.empty_layer);
  // Some images (squashed, hand-made) have fewer layered entries than layers: align from the end.
  const offset = diffIds.length - withLayer.length;
  return diffIds.map((diffId, i) => {
    const h = withLayer[i - offset];
    if (!h) return { diffId, createdBy: '', ...(chain ? { baseImage: chain.baseImage } : {}) };
    const createdBy = h.entry.created_by ?? '';
    const step = matched[h.index];
    if (step) return { diffId, createdBy, instruction: step.ref };
    if (chain && (firstOwn === -1 || h.index < firstOwn))
      return { diffId, createdBy, baseImage: chain.baseImage };
    return { diffId, createdBy };
  });
}
