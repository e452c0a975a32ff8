/** COPY and ADD rules (hadolint DL3010, DL3020, DL3021, DL3023, DL3045, DL3067). */
import type { DockerfileModel } from '../../dockerfile/types.js';
import { isDistributionImage, isWindowsOsImage } from '../known-images.js';
import { parseImageRef } from '../multistage/stage-facts.js';
import { stagesMatching } from '../platform-stages.js';
import { argsNoFlags, hasArg, isProgram } from '../shell/command.js';
import type { Rule, RuleHit } from '../types.js';
import { hitAt, instructionFlags, steps, stepsOf, unquote, wordValue, type Step } from './walk.js';

/**
 * Source and destination words of COPY/ADD, flags excluded, exec form (`["a", "b/"]`) understood.
 * With heredocs (`COPY <<EOF /dest`) only the first line holds arguments; the `<<EOF` marker is a source.
 */
export function copyPaths(step: Step): readonly string[] {
  const content = step.argsText;
  if (content.includes('<<')) {
    const firstLine = content.split('\n')[0] ?? '';
    if (/<<-?["']?[A-Za-z0-9_]+/.test(firstLine)) return firstLine.trim().split(/\s+/);
  }
  // The model's exec form and shell words of the arguments (read, never changed, by the rules).
  return step.exec ?? step.words;
}

const fromFlag = (step: Step) => instructionFlags(step).find((f) => f.name === 'from')?.value ?? undefined;

const ARCHIVE_EXTENSIONS = [
  '.tar',
  '.Z',
  '.bz2',
  '.gz',
  '.lz',
  '.lzma',
  '.tZ',
  '.tb2',
  '.tbz',
  '.tbz2',
  '.tgz',
  '.tlz',
  '.tpz',
  '.txz',
  '.xz',
];
const isArchive = (path: string) => ARCHIVE_EXTENSIONS.some((e) => unquote(path).endsWith(e));
const isUrl = (path: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(unquote(path)) || /^git@/.test(unquote(path));
const baseName = (path: string) => {
  const p = unquote(path);
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
};

/**
 * An archive COPY'd in and then unpacked by RUN costs a layer holding the archive; `ADD` unpacks
 * local tar archives itself.
 */
export const addForArchives: Rule = {
  id: 'add-for-archives',
  severity: 'info',
  description: 'Use `ADD` for extracting archives into an image instead of `COPY` then `RUN tar -x`.',
  aliases: ['DL3010'],
  layerHygiene: true,
  check(ctx) {
    const hits = new Map<number, RuleHit>();
    let archives: Array<{ step: Step; name: string }> = [];
    for (const step of steps(ctx.model)) {
      if (step.keyword === 'FROM') archives = [];
      else if (step.keyword === 'COPY' && !fromFlag(step)) {
        const paths = copyPaths(step);
        const dest = paths[paths.length - 1];
        if (paths.length < 2 || dest === undefined) continue;
        if (isArchive(dest)) archives.push({ step, name: baseName(dest) });
        else
          for (const src of paths.slice(0, -1).filter(isArchive))
            archives.push({ step, name: baseName(src) });
      } else if (step.keyword === 'RUN' && archives.length > 0) {
        const extractors = (step.script?.commands ?? []).filter(
          (c) =>
            (isProgram(c, 'tar') &&
              (hasArg(c, '--extract', '--get') || c.args.some((a) => /^-[^-]*x/.test(a)))) ||
            isProgram(
              c,
              'unzip',
              'gunzip',
              'bunzip2',
              'unlzma',
              'unxz',
              'zgz',
              'uncompress',
              'zcat',
              'gzcat',
            ),
        );
        for (const archive of archives) {
          if (extractors.some((c) => argsNoFlags(c).map(baseName).includes(archive.name)))
            hits.set(archive.step.line, hitAt(archive.step));
        }
      }
    }
    return [...hits.values()];
  },
};

export const copyNotAdd: Rule = {
  id: 'copy-not-add',
  severity: 'error',
  description: 'Use `COPY` instead of `ADD` for files and folders (ADD is for URLs and local tar archives).',
  aliases: ['DL3020'],
  check(ctx) {
    return stepsOf(ctx, 'ADD').flatMap((s): RuleHit[] => {
      const plain = copyPaths(s)
        .slice(0, -1)
        .filter((src) => !isArchive(src) && !isUrl(src));
      if (plain.length === 0) return [];
      // A heredoc (`ADD <<EOT /etc/app.conf`) is neither fetched nor extracted: ADD's surprises do not
      // apply to it, so COPY is only the plainer spelling. hadolint flags it; at error it would fail a PR.
      if (plain.every(isHeredocMarker))
        return [
          {
            ...hitAt(s),
            severity: 'info',
            message:
              'Use `COPY` instead of `ADD` for files and folders (info only: the source is a heredoc, which ADD neither fetches nor extracts, so `COPY` does the same).',
          },
        ];
      return [hitAt(s)];
    });
  },
};

/** A heredoc marker as a COPY/ADD source: `<<EOT`, `<<-EOT`, `<<"EOT"`. */
const isHeredocMarker = (src: string): boolean => /^<<-?(["']?)[A-Za-z0-9_]+\1$/.test(src);

/**
 * Whether a COPY destination names a directory as BuildKit reads it: a trailing `/`, or `.`, `..`
 * and paths ending in `/.` or `/..` (BuildKit appends the separator to those itself).
 */
function namesDirectory(dest: string): boolean {
  return dest.endsWith('/') || /(?:^|\/)\.\.?$/.test(dest);
}

export const copyMultipleSourcesDir: Rule = {
  id: 'copy-dest-dir-slash',
  severity: 'error',
  description: '`COPY` with more than 2 arguments requires the last argument to end with `/`.',
  aliases: ['DL3021'],
  check(ctx) {
    return stepsOf(ctx, 'COPY')
      .filter((s) => {
        const paths = copyPaths(s);
        return paths.length > 2 && !namesDirectory(wordValue(paths[paths.length - 1] as string));
      })
      .map((s) => hitAt(s));
  },
};

export const copyFromSelf: Rule = {
  id: 'copy-from-self',
  severity: 'error',
  description: '`COPY --from` cannot reference its own `FROM` alias.',
  aliases: ['DL3023'],
  check(ctx) {
    const hits: RuleHit[] = [];
    let current: string | undefined;
    for (const step of steps(ctx.model)) {
      if (step.keyword === 'FROM' && !step.onbuild) current = step.from?.alias?.toLowerCase();
      else if (step.keyword === 'COPY' && current && fromFlag(step)?.toLowerCase() === current)
        hits.push(hitAt(step, `\`COPY --from=${fromFlag(step)}\` references its own stage.`));
    }
    return hits;
  },
};

const isAbsoluteDest = (dest: string) => {
  const d = unquote(dest);
  return d.startsWith('/') || d.startsWith('$') || /^.:[\\/]/.test(d);
};

/**
 * Where a stage's FROM chain starts, as far as its WORKDIR goes: `scratch`, a bare operating system
 * image that sets no WORKDIR (official distribution images, Windows' nanoserver and servercore), or an
 * image that may set one (`other`).
 */
type ChainRoot = { kind: 'scratch' } | { kind: 'os'; image: string } | { kind: 'other' };

function rootOfImage(image: string): ChainRoot {
  const { name } = parseImageRef(image);
  if (name === 'scratch') return { kind: 'scratch' };
  if (isDistributionImage(name) || isWindowsOsImage(name)) return { kind: 'os', image: name };
  return { kind: 'other' };
}

/** The root of stages picked together (`FROM base-${VARIANT}`): shared when all agree, else the weakest. */
function rootOfPicks(roots: ChainRoot[]): ChainRoot {
  if (roots.length === 0) return { kind: 'other' };
  if (roots.every((r) => r.kind === 'scratch')) return { kind: 'scratch' };
  const os = roots.find((r) => r.kind === 'os');
  return os && roots.every((r) => r.kind !== 'other') ? os : { kind: 'other' };
}

/**
 * A relative COPY destination depends on the WORKDIR, which is `/` (or the base image's) when never set.
 * A stage whose FROM chain roots at `scratch` has no base image to set one: its WORKDIR is `/`, so a
 * relative destination is as clear as an absolute one. On a bare operating system image (alpine,
 * debian, ubuntu, busybox, Windows nanoserver…) the same holds, since those set no WORKDIR either, but
 * a newer tag could: reported at info there.
 */
export const copyRelativeWithoutWorkdir: Rule = {
  id: 'copy-relative-without-workdir',
  severity: 'warning',
  description: '`COPY` to a relative destination without `WORKDIR` set.',
  aliases: ['DL3045'],
  check(ctx) {
    const hits: RuleHit[] = [];
    // Per stage: a WORKDIR was set (in it or a stage it is built FROM), and where its chain starts.
    const workdirByStage = new Map<number, boolean>();
    const rootByStage = new Map<number, ChainRoot>();
    const stageByName = new Map<string, number>();
    for (const step of steps(ctx.model)) {
      if (step.keyword === 'FROM' && !step.onbuild) {
        const image = step.from?.imageRaw ?? '';
        const parent = stageByName.get(image.toLowerCase());
        // `FROM build-base-${VARIANT}` builds on one of the stages it can pick: a WORKDIR is set when
        // every one of them set it (docker/cli's e2e and dev stages), and likewise for the root.
        const picks = parent === undefined ? stagesMatching(ctx.model, image) : [parent];
        workdirByStage.set(
          step.stage,
          picks.length > 0 && picks.every((p) => workdirByStage.get(p) ?? false),
        );
        rootByStage.set(
          step.stage,
          picks.length > 0
            ? rootOfPicks(picks.map((p) => rootByStage.get(p) ?? { kind: 'other' }))
            : rootOfImage(step.from?.image ?? ''),
        );
        const name = step.from?.alias;
        if (name) stageByName.set(name.toLowerCase(), step.stage);
      } else if (step.keyword === 'WORKDIR') workdirByStage.set(step.stage, true);
      else if (step.keyword === 'COPY' && !workdirByStage.get(step.stage)) {
        const dest = copyPaths(step).at(-1);
        if (dest === undefined || isAbsoluteDest(dest)) continue;
        // An ONBUILD COPY runs in the downstream image, which has a base (and a WORKDIR) of its own.
        const root = step.onbuild
          ? { kind: 'other' as const }
          : (rootByStage.get(step.stage) ?? { kind: 'other' });
        if (root.kind === 'scratch') continue;
        if (root.kind === 'os')
          hits.push({
            ...hitAt(step),
            severity: 'info',
            message: `\`COPY\` to a relative destination without \`WORKDIR\` set (info only: the stage is built on \`${root.image}\`, a bare operating system image that sets no WORKDIR, so \`${dest}\` lands under \`${isWindowsOsImage(root.image) ? 'C:\\' : '/'}\`; set WORKDIR or write the absolute path to say so).`,
          });
        else hits.push(hitAt(step));
      }
    }
    return hits;
  },
};

/**
 * Whether a stage is a build environment: it, or a stage its FROM chain goes through (every stage a
 * `FROM base-$VAR` can pick, too), runs a RUN. A stage of only COPYs (the usual "export binaries"
 * stage on scratch) or a bare external image (`FROM tonistiigi/xx AS xx`, a helper of scripts) is
 * not: copying all of it brings no build tools or caches along.
 */
function isBuildStage(model: DockerfileModel, index: number, seen = new Set<number>()): boolean {
  const stage = model.graph.stages[index];
  if (!stage || seen.has(index)) return false;
  seen.add(index);
  if (stage.steps.some((i) => i.keyword === 'RUN' && !i.onbuild)) return true;
  const parents = stage.parent !== undefined ? [stage.parent] : stagesMatching(model, stage.baseRaw);
  return parents.some((p) => isBuildStage(model, p, seen));
}

/**
 * A squash: the stage starts from scratch and this COPY is the first thing put into it, so the stage
 * is the source re-layered, not a runtime image the build's tools leak into.
 */
function isSquash(model: DockerfileModel, copy: Step): boolean {
  const stage = model.graph.stages[copy.stage];
  if (!stage || stage.base.toLowerCase() !== 'scratch') return false;
  const first = stage.steps.slice(1).find((i) => !i.onbuild && ['COPY', 'ADD', 'RUN'].includes(i.keyword));
  return first !== undefined && first.line === copy.line;
}

/**
 * `COPY --from=<stage> / /` takes a whole root filesystem. Only a build stage (one with RUN
 * instructions in its chain) holds build tools and caches; an external image used as a COPY source
 * (`COPY --from=gloursdocker/docker / /`) and stages of only COPYs hold just what was put in them.
 * A squash into an empty stage is the point of the copy. Without a stage graph (no FROM: hadolint's
 * test snippets) every `COPY --from=x / /` is flagged, as hadolint does.
 */
export const copyWholeFilesystem: Rule = {
  id: 'copy-whole-filesystem',
  severity: 'warning',
  description: 'Do not copy an entire filesystem from another stage (`COPY --from=<stage> / /`).',
  aliases: ['DL3067'],
  check(ctx) {
    const { model } = ctx;
    return stepsOf(ctx, 'COPY')
      .filter((s) => {
        const from = fromFlag(s);
        const paths = copyPaths(s).map(unquote);
        if (from === undefined || paths.length !== 2 || paths[0] !== '/' || paths[1] !== '/') return false;
        if (model.graph.stages.length === 0) return true;
        const edge = model.graph.stages[s.stage]?.edges.find((e) => e.kind === 'copy' && e.line === s.line);
        const sources = edge?.stage !== undefined ? [edge.stage] : stagesMatching(model, from);
        return sources.some((stage) => isBuildStage(model, stage)) && !isSquash(model, s);
      })
      .map((s) =>
        hitAt(s, `\`COPY --from=${fromFlag(s)} / /\` copies the whole filesystem of \`${fromFlag(s)}\`.`),
      );
  },
};
