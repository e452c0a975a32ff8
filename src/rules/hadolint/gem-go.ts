/** Ruby gem and Go module pinning (hadolint DL3028, DL3062). */
import { argsNoFlags, commandsNamed, dropFlagValues, hasArg, hasFlag } from '../shell/command.js';
import type { ShellCommand } from '../shell/script.js';
import type { DockerfileModel } from '../../dockerfile/types.js';
import type { Rule, RuleHit } from '../types.js';
import { copyPaths } from './copy-add.js';
import {
  hitAt,
  instructionFlags,
  runRule,
  runSteps,
  stageTable,
  steps,
  unpinned,
  unquote,
  type Step,
} from './walk.js';

/**
 * Gems named by `gem install|i`: words after the subcommand, up to `--` (what follows goes to the
 * gem's build), without option values (`--source URL`, `--use-system-libraries true`).
 */
export function gemNames(command: ShellCommand): string[] {
  const end = command.args.indexOf('--');
  const args = end === -1 ? command.args : command.args.slice(0, end);
  const withoutBooleanValues = args.filter(
    (a, i) =>
      !(
        /^(true|false)$/.test(a) &&
        (args[i - 1] ?? '').startsWith('--') &&
        !(args[i - 1] ?? '').includes('=')
      ),
  );
  const words = argsNoFlags(
    dropFlagValues({ ...command, args: withoutBooleanValues }, [
      'source',
      's',
      'install-dir',
      'bindir',
      'n',
      'platform',
      'P',
    ]),
  );
  return words.slice(words.findIndex((w) => w === 'install' || w === 'i') + 1);
}

export const gemPinVersions = runRule({
  id: 'gem-pin-versions',
  severity: 'info',
  description:
    'Pin versions in gem install: instead of `gem install <gem>` use `gem install <gem>:<version>`.',
  aliases: ['DL3028'],
  layerHygiene: true,
  flags: (script) =>
    unpinned(
      'gem install',
      commandsNamed(script, 'gem')
        .filter((c) => hasArg(c, 'install', 'i') && !hasFlag(c, 'v', 'version'))
        .flatMap((c) => gemNames(c).filter((g) => !g.includes(':'))),
      'gem install <gem>:<version>',
    ),
});

/** Versions that move: `@latest` and the other queries and branch names a module proxy resolves anew. */
const FLOATING_VERSIONS = new Set([
  'latest',
  'upgrade',
  'patch',
  'master',
  'main',
  'head',
  'trunk',
  'develop',
]);

/** Go's meta-packages: the toolchain's own (`std`, `cmd`) and the module's (`all`, `tool`, Go 1.24). */
const META_PACKAGES = new Set(['std', 'cmd', 'all', 'tool']);

/**
 * Whether a `go install|get|run` target is pinned. A local path needs no pin, nor a meta-package;
 * a package path without `@version` is pinned by the module's go.mod when the RUN is inside a module.
 */
function goPinned(target: string, inModule: boolean): boolean {
  if (target.startsWith('.') || target.startsWith('/') || META_PACKAGES.has(target)) return true;
  const at = target.lastIndexOf('@');
  if (at === -1) return inModule;
  return at < target.length - 1 && !FLOATING_VERSIONS.has(target.slice(at + 1).toLowerCase());
}

const isGoMod = (path: string) => /(^|\/)go\.mod$/.test(unquote(path));
const isWholeTree = (path: string) => /^(\.|\.\/|\.\/\.|\*)$/.test(unquote(path));

/**
 * Whether a RUN works inside a Go module: its stage (or a stage it is built FROM) copied go.mod or the
 * whole context in before it, or the RUN bind-mounts go.mod or a whole tree onto its working folder.
 */
function insideGoModule(model: DockerfileModel, run: Step): boolean {
  const { parents } = stageTable(model);
  const chain = new Set<number>([run.stage]);
  for (let s = parents[run.stage]; s !== undefined && !chain.has(s); s = parents[s]) chain.add(s);
  const copiedIn = steps(model).some(
    (s) =>
      s.line < run.line &&
      chain.has(s.stage) &&
      (s.keyword === 'COPY' || s.keyword === 'ADD') &&
      !instructionFlags(s).some((f) => f.name === 'from') &&
      copyPaths(s)
        .slice(0, -1)
        .some((p) => isGoMod(p) || isWholeTree(p)),
  );
  if (copiedIn) return true;
  return instructionFlags(run).some((f) => {
    if (f.name !== 'mount' || !f.value) return false;
    const options = new Map(
      f.value
        .split(',')
        .map((kv): [string, string] => [kv.split('=')[0] ?? '', kv.slice(kv.indexOf('=') + 1)]),
    );
    const type = options.get('type') ?? 'bind';
    if (type !== 'bind') return false;
    const source = options.get('source') ?? options.get('src') ?? '';
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination') ?? '';
    return isGoMod(source) || isGoMod(target) || isWholeTree(target);
  });
}

export const goInstallPinVersions: Rule = {
  id: 'go-install-pin-versions',
  severity: 'info',
  description:
    'Pin versions in go install: instead of `go install <package>` use `go install <package>@<version>`.',
  aliases: ['DL3062'],
  layerHygiene: true,
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const run of runSteps(ctx)) {
      const commands = commandsNamed(run.script, 'go');
      if (commands.length === 0) continue;
      const inModule = insideGoModule(ctx.model, run);
      const verdict = unpinned(
        'go install',
        commands.flatMap((c) => {
          const [sub, ...rest] = argsNoFlags(c);
          // `go run pkg@v args...`: only the package is pinned; the rest are the program's arguments.
          if (sub === 'run') return rest.slice(0, 1).filter((t) => !goPinned(t, inModule));
          if (sub === 'install' || sub === 'get') return rest.filter((t) => !goPinned(t, inModule));
          return [];
        }),
        'go install <package>@<version>',
      );
      if (verdict) hits.push(hitAt(run, verdict));
    }
    return hits;
  },
};
