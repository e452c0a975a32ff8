/**
 * Compilers and development packages installed in the image that ships (the target's FROM chain):
 * `gcc`, `g++`, `clang`, `build-essential`, Alpine's `build-base`, and `*-dev`/`*-devel` headers. They
 * are needed to build, not to run: in a builder stage whose output is copied over they cost nothing.
 * A RUN of the chain that removes packages again (`apk del .build-deps`, `apt-get purge
 * --auto-remove`, the official images' build-then-purge pattern) passes.
 *
 * Precision on real files: an image built on a toolchain image (golang, rust, gcc, buildpack-deps...)
 * already ships a compiler by design (an SDK, a lint or codegen image), so it is not judged. A warning
 * needs the Dockerfile to show it builds elsewhere (the shipped stage copies from a stage of its own
 * that runs something), or the image to be a network service (an EXPOSE in its chain: a `python
 * run.py` app, not a test, codegen or docs image): compilers left in the shipped image then are a
 * slip. Otherwise they may be the image's purpose (a test or dev image), so the finding is info.
 */
import type { DockerInstruction } from '../../dockerfile/instructions.js';
import { aptGetPackages } from '../hadolint/apt.js';
import { apkPackages } from '../hadolint/apk.js';
import { argsNoFlags, isProgram, subcommand } from '../shell/command.js';
import type { ShellCommand } from '../shell/script.js';
import type { Stage, StageGraph } from '../../dockerfile/types.js';
import type { Rule, RuleHit } from '../types.js';
import { finalStageLabel, shippedImageChain, stageChain } from './stage-facts.js';

const COMPILERS = /^(gcc|g\+\+|gcc-c\+\+|clang|gfortran|build-essential|build-base)(-\d+(\.\d+)*)?$/;
const DEV_PACKAGE = /^[a-z0-9][a-z0-9.+-]*-(dev|devel)$/;

/** A package word without its version pin or architecture (`gcc=4:12.2` -> `gcc`, `libc6-dev:amd64`). */
function packageName(word: string): string {
  return word.replace(/[=<>~].*$/, '').replace(/:[a-z0-9]+$/, '');
}

/** The packages a command installs, for apt, apk, dnf/yum/microdnf and zypper. */
function installedPackages(c: ShellCommand): string[] {
  const sub = subcommand(c);
  if (isProgram(c, 'apt-get', 'apt') && sub === 'install') return aptGetPackages(c);
  if (isProgram(c, 'apk') && sub === 'add') return apkPackages(c);
  if (isProgram(c, 'dnf', 'yum', 'microdnf', 'zypper') && (sub === 'install' || sub === 'in'))
    return argsNoFlags(c).slice(1);
  return [];
}

/** Whether the command uninstalls packages (the build-then-purge pattern). */
function removesPackages(c: ShellCommand): boolean {
  const sub = subcommand(c) ?? '';
  if (isProgram(c, 'apt-get', 'apt')) return ['purge', 'remove', 'autoremove'].includes(sub);
  if (isProgram(c, 'apk')) return sub === 'del';
  if (isProgram(c, 'dnf', 'yum', 'microdnf', 'zypper'))
    return ['remove', 'erase', 'autoremove', 'rm'].includes(sub);
  return false;
}

/** Bases that are themselves a toolchain: installing gcc on them is part of what the image is for. */
const TOOLCHAIN_BASE =
  /^(docker\.io\/)?(library\/)?(golang|rust|gcc|buildpack-deps|maven|gradle|haskell|swift|clojure)(:|@|$)/;

/** Programs that compile or build: a stage that runs one is a builder. */
const BUILD_PROGRAMS = [
  'make',
  'cmake',
  'ninja',
  'meson',
  'gcc',
  'g++',
  'cc',
  'clang',
  'rustc',
  'javac',
  'tsc',
].concat([
  'go',
  'cargo',
  'mvn',
  'mvnw',
  './mvnw',
  'gradle',
  'gradlew',
  './gradlew',
  'dotnet',
  'npm',
  'yarn',
  'pnpm',
]);

/**
 * Whether the chain copies from a builder stage of this file: one that brings in the build context
 * (a COPY/ADD without --from, or a bind mount of it) and runs a compiler or build tool. The author
 * builds the project elsewhere, so a compiler in the shipped image is a slip. Copying files out of a
 * stock image (`COPY --from=redis /usr/local/bin/*`) or a tool installed from the internet
 * (`go install x@latest`) is not building the project.
 */
function copiesFromBuildStage(graph: StageGraph, chain: Stage[]): boolean {
  return chain.some((s) =>
    s.edges.some((e) => e.kind === 'copy' && e.stage !== undefined && isBuilder(graph, e.stage)),
  );
}

function isBuilder(graph: StageGraph, index: number): boolean {
  const steps = stageChain(graph, index).flatMap((s) => s.steps);
  const usesContext = steps.some(
    (i) =>
      ((i.keyword === 'COPY' || i.keyword === 'ADD') && i.copy !== undefined && i.copy.from === undefined) ||
      i.mounts.some((m) => m.type === 'bind' && m.from === undefined),
  );
  return usesContext && steps.some((i) => commandsOf(i).some((c) => isProgram(c, ...BUILD_PROGRAMS)));
}

/** Whether the chain declares a port: the image is a service that runs the project, not a tool. */
function servesNetwork(chain: Stage[]): boolean {
  return chain.some((s) => s.steps.some((i) => i.keyword === 'EXPOSE' && !i.onbuild));
}

const commandsOf = (step: DockerInstruction): ShellCommand[] =>
  step.keyword === 'RUN' ? (step.script?.commands ?? []) : [];

export const finalStageCompilers: Rule = {
  id: 'final-stage-compilers',
  severity: 'warning',
  description:
    'Compilers or -dev packages are installed in the image that ships; install them in a build stage and copy only what it builds.',
  aliases: [],
  check(ctx) {
    const shipped = shippedImageChain(ctx);
    if (!shipped || TOOLCHAIN_BASE.test(shipped.root.base)) return [];
    const steps = shipped.chain.flatMap((s) => s.steps);
    const slip = copiesFromBuildStage(ctx.model.graph, shipped.chain) || servesNetwork(shipped.chain);
    const severity = slip ? 'warning' : 'info';
    const hits: RuleHit[] = [];
    for (const [i, step] of steps.entries()) {
      const found = commandsOf(step)
        .flatMap(installedPackages)
        .map(packageName)
        .filter((p) => COMPILERS.test(p) || DEV_PACKAGE.test(p));
      if (found.length === 0) continue;
      if (steps.slice(i).some((s) => commandsOf(s).some(removesPackages))) continue;
      const list = [...new Set(found)].map((p) => `\`${p}\``).join(', ');
      hits.push({
        line: step.line,
        endLine: step.endLine,
        severity,
        message: `${list} ${found.length === 1 ? 'is' : 'are'} installed in ${finalStageLabel(shipped.target)}, which ships; build in a separate stage and COPY --from it only the result (or remove them in the same RUN).`,
      });
    }
    return hits;
  },
};
