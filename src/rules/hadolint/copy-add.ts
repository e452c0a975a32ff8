/** COPY and ADD rules (hadolint DL3010, DL3020, DL3021, DL3023, DL3045, DL3067). */
import type { From, Instruction } from 'dockerfile-ast';
import { execFormWords, runScript } from '../shell/run-script.js';
import { argsNoFlags, hasArg, isProgram } from '../shell/command.js';
import type { Rule, RuleHit } from '../types.js';
import {
  argumentWords,
  hitAt,
  instructionFlags,
  steps,
  stepsOf,
  unquote,
  wordValue,
  type Step,
} from './walk.js';

/**
 * Source and destination words of COPY/ADD, flags excluded, exec form (`["a", "b/"]`) understood.
 * With heredocs (`COPY <<EOF /dest`) only the first line holds arguments; the `<<EOF` marker is a source.
 */
export function copyPaths(step: Step): string[] {
  let paths = pathCache.get(step.instruction);
  if (!paths) {
    const content = step.instruction.getArgumentsContent() ?? '';
    const firstLine = content.split('\n')[0] ?? '';
    if (/<<-?["']?[A-Za-z0-9_]+/.test(firstLine)) paths = firstLine.trim().split(/\s+/);
    else paths = execFormWords(content) ?? argumentWords(step);
    pathCache.set(step.instruction, paths);
  }
  return paths;
}

const pathCache = new WeakMap<Instruction, string[]>();

const fromFlag = (step: Step) =>
  instructionFlags(step.instruction).find((f) => f.name === 'from')?.value ?? undefined;

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
  check(ctx) {
    const hits = new Map<number, RuleHit>();
    let archives: Array<{ step: Step; name: string }> = [];
    for (const step of steps(ctx.model.ast)) {
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
        const extractors = runScript(step.instruction).commands.filter(
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
    return stepsOf(ctx, 'ADD')
      .filter((s) => {
        const paths = copyPaths(s);
        return paths.slice(0, -1).some((src) => !isArchive(src) && !isUrl(src));
      })
      .map((s) => hitAt(s));
  },
};

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
    for (const step of steps(ctx.model.ast)) {
      if (step.keyword === 'FROM' && !step.onbuild)
        current = (step.instruction as From).getBuildStage()?.toLowerCase();
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

/** A relative COPY destination depends on the WORKDIR, which is `/` (or the base image's) when never set. */
export const copyRelativeWithoutWorkdir: Rule = {
  id: 'copy-relative-without-workdir',
  severity: 'warning',
  description: '`COPY` to a relative destination without `WORKDIR` set.',
  aliases: ['DL3045'],
  check(ctx) {
    const hits: RuleHit[] = [];
    const workdirByStage = new Map<number, boolean>();
    const stageByName = new Map<string, number>();
    for (const step of steps(ctx.model.ast)) {
      if (step.keyword === 'FROM' && !step.onbuild) {
        const from = step.instruction as From;
        const parent = stageByName.get((from.getImage() ?? '').toLowerCase());
        workdirByStage.set(step.stage, parent !== undefined && (workdirByStage.get(parent) ?? false));
        const name = from.getBuildStage();
        if (name) stageByName.set(name.toLowerCase(), step.stage);
      } else if (step.keyword === 'WORKDIR') workdirByStage.set(step.stage, true);
      else if (step.keyword === 'COPY' && !workdirByStage.get(step.stage)) {
        const dest = copyPaths(step).at(-1);
        if (dest !== undefined && !isAbsoluteDest(dest)) hits.push(hitAt(step));
      }
    }
    return hits;
  },
};

/**
 * `COPY --from=<stage> / /` takes a whole root filesystem. A stage built on `scratch` holds only what
 * was put into it (the usual "export binaries" stage), so copying all of it is fine and not flagged.
 */
export const copyWholeFilesystem: Rule = {
  id: 'copy-whole-filesystem',
  severity: 'warning',
  description: 'Do not copy an entire filesystem from another stage (`COPY --from=<stage> / /`).',
  aliases: ['DL3067'],
  check(ctx) {
    const froms = steps(ctx.model.ast).filter((s) => s.keyword === 'FROM' && !s.onbuild);
    const names = froms.map((s) => (s.instruction as From).getBuildStage()?.toLowerCase());
    const stageOf = (ref: string, before: number): number | undefined => {
      const index = /^\d+$/.test(ref)
        ? Number(ref)
        : names.findIndex((n, i) => i < before && n === ref.toLowerCase());
      return index >= 0 && index < before ? index : undefined;
    };
    const fromScratch = (stage: number): boolean => {
      for (let s: number | undefined = stage, guard = 0; s !== undefined && guard <= froms.length; guard++) {
        const image = ((froms[s]?.instruction as From | undefined)?.getImage() ?? '').toLowerCase();
        if (image === 'scratch') return true;
        s = stageOf(image, s);
      }
      return false;
    };
    return stepsOf(ctx, 'COPY')
      .filter((s) => {
        const from = fromFlag(s);
        const paths = copyPaths(s).map(unquote);
        if (from === undefined || paths.length !== 2 || paths[0] !== '/' || paths[1] !== '/') return false;
        const stage = stageOf(from, Math.max(s.stage, 0));
        return stage === undefined || !fromScratch(stage);
      })
      .map((s) =>
        hitAt(s, `\`COPY --from=${fromFlag(s)} / /\` copies the whole filesystem of \`${fromFlag(s)}\`.`),
      );
  },
};
