/**
 * Layer facts (layer-facts.ts) kept by diff id, so a layer is read and compressed once: in memory for
 * this run (the head and the base share most layers), in the machine's cache folder across runs
 * (`<cache dir>/layers`, one file per diff id), and seeded from the saved base report on hosted
 * runners, whose cache folder starts empty every job.
 *
 * Measurements run one at a time through `exclusive`: compressing already uses every core, and the
 * second of two images that share a layer then finds it known instead of compressing it too.
 */
import type { TextCache } from '../seams/cache.js';
import { mergeLayerFacts, parseLayerFacts, serializeLayerFacts, type LayerFacts } from './layer-facts.js';

export interface LayerStore {
  /** What is known of this layer (from any source), or undefined. */
  get(diffId: string): Promise<LayerFacts | undefined>;
  /** Records facts this run measured (kept in the machine's folder too, when there is one). */
  put(facts: LayerFacts[]): Promise<void>;
  /**
   * Facts that will arrive from elsewhere (the saved base report, looked up while the builds run):
   * `get` waits for them. Returns the function that delivers them; call it once, with [] for none.
   */
  expect(): (facts: LayerFacts[]) => void;
  /** Runs one measurement at a time. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Whether a measurement is running (or waiting) through `exclusive` now. */
  busy(): boolean;
}

export const layerKey = (diffId: string): string => `layer-v1-${diffId.replace(/^sha256:/, '')}`;

export function createLayerStore(persistent?: TextCache): LayerStore {
  const memory = new Map<string, LayerFacts>();
  const pending = new Set<Promise<void>>();
  let queue: Promise<unknown> = Promise.resolve();
  let running = 0;
  const remember = (facts: LayerFacts) =>
    memory.set(facts.diffId, mergeLayerFacts(memory.get(facts.diffId), facts));
  return {
    async get(diffId) {
      if (pending.size > 0) await Promise.all(pending);
      const known = memory.get(diffId);
      if (known || !persistent?.available()) return known;
      const text = await persistent.get(layerKey(diffId));
      const facts = text === undefined ? undefined : parseLayerFacts(text, diffId);
      if (facts) remember(facts);
      return facts;
    },
    async put(list) {
      for (const facts of list) {
        remember(facts);
        const merged = memory.get(facts.diffId) as LayerFacts;
        if (persistent?.available())
          await persistent.put(layerKey(facts.diffId), serializeLayerFacts(merged));
      }
    },
    expect() {
      let deliver: (facts: LayerFacts[]) => void = () => undefined;
      const arrived = new Promise<void>((resolve) => {
        deliver = (facts) => {
          // Facts another run measured: they never replace what this run measured itself.
          for (const f of facts) if (!memory.has(f.diffId)) memory.set(f.diffId, f);
          pending.delete(arrived);
          resolve();
        };
      });
      pending.add(arrived);
      let delivered = false;
      return (facts) => {
        if (delivered) return;
        delivered = true;
        deliver(facts);
      };
    },
    exclusive(work) {
      running++;
      const run = queue.then(work, work).finally(() => running--);
      queue = run.catch(() => undefined);
      return run;
    },
    busy: () => running > 0,
  };
}
