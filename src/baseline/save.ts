/**
 * Which measurements this run keeps as base reports for later runs, and keeping them:
 * - on a push (no pull request), the head's own: it is what pull requests based on this commit compare with;
 * - a base the run had to build: later pushes to the same pull request reuse it.
 * The publish phase calls it once the measurements exist; measuring the base only reads saved reports.
 */
import type { Inputs } from '../inputs.js';
import type { BaseComparison, ImageMeasurement } from '../model.js';
import type { LayerFacts } from '../image/layer-facts.js';
import type { LayerStore } from '../image/layer-store.js';
import type { TextCache } from '../seams/cache.js';
import type { EventContext, Runner } from '../seams/runner.js';
import { baseReportKey, serializeBaseReport } from './base-report.js';

export interface BaseReportsToSave {
  cache: TextCache;
  log: Pick<Runner, 'debug'>;
  inputs: Pick<Inputs, 'file' | 'context' | 'build-args'>;
  /** The engine's image store: a base report is kept for the store that measured it. */
  imageStore: 'classic' | 'containerd';
  event: EventContext;
  /** The target's `--target` name ('' for an unnamed last stage). */
  target: string;
  head?: ImageMeasurement;
  base?: BaseComparison;
  /** This run's layer facts: those of the saved image go into its report (see base-report.ts). */
  layers?: LayerStore;
}

export interface SavedBaseReports {
  /** This commit's own measurement was saved (a push). */
  own: boolean;
  /** The base commit's freshly built measurement was saved. */
  base: boolean;
}

const short = (sha: string): string => sha.slice(0, 7);

async function save(request: BaseReportsToSave, sha: string, image: ImageMeasurement): Promise<boolean> {
  const key = baseReportKey({
    sha,
    file: request.inputs.file,
    target: request.target,
    inputs: request.inputs,
    imageStore: request.imageStore,
  });
  const facts: LayerFacts[] = [];
  for (const diffId of new Set(image.layers.map((l) => l.diffId))) {
    const known = diffId ? await request.layers?.get(diffId) : undefined;
    if (known) facts.push(known);
  }
  const saved = await request.cache.put(key, serializeBaseReport(sha, image, facts));
  request.log.debug(
    saved ? `Saved the base report for ${short(sha)} as ${key}.` : `Did not save a base report (${key}).`,
  );
  return saved;
}

export async function saveBaseReports(request: BaseReportsToSave): Promise<SavedBaseReports> {
  const { event, head, base } = request;
  const own = !event.pullRequest && head !== undefined && event.sha ? save(request, event.sha, head) : false;
  const builtBase =
    base?.status === 'compared' && base.source === 'built' && base.image && base.sha && base.sha !== event.sha
      ? save(request, base.sha, base.image)
      : false;
  const [savedOwn, savedBase] = await Promise.all([own, builtBase]);
  return { own: savedOwn, base: savedBase };
}
