/**
 * The shipped stage runs `npm start`, `npm install`/`npm ci` or `npm run <script>` (in RUN, CMD or
 * ENTRYPOINT) but nothing brings a package.json into it: no COPY/ADD of a package.json, of a
 * directory or glob that may hold one, or of the whole context, in it or the stages it is built FROM.
 * npm then fails (`ENOENT: no such file or directory, open '/app/package.json'`) at build time or, for
 * CMD, when the container starts. Only judged on official images (`node`, `node:22-alpine`): a
 * custom base image may carry the project already.
 */
import type { DockerInstruction } from '../../dockerfile/instructions.js';
import { isProgram, subcommand } from '../shell/command.js';
import type { ShellCommand } from '../shell/script.js';
import type { Rule } from '../types.js';
import { isNpmProjectInstall } from './package-commands.js';
import { finalStageLabel, shippedImageChain } from './stage-facts.js';

/** `npm start`, `npm test`, `npm run x`, and installs of what package.json lists. */
function needsPackageJson(c: ShellCommand): boolean {
  if (!isProgram(c, 'npm')) return false;
  const sub = subcommand(c);
  return (
    isNpmProjectInstall(c) || ['start', 'test', 'run', 'run-script', 'restart', 'stop'].includes(sub ?? '')
  );
}

/** The npm commands an instruction runs (exec form `["npm", "start"]` included). */
function npmCommands(step: DockerInstruction): ShellCommand[] {
  if (!['RUN', 'CMD', 'ENTRYPOINT'].includes(step.keyword)) return [];
  if (step.exec && step.keyword !== 'RUN') {
    const [name = '', ...args] = step.exec;
    return [
      {
        name,
        args,
        flags: args.filter((a) => a.startsWith('-')),
        assignments: [],
        piped: false,
        nested: false,
      },
    ];
  }
  return step.script?.commands ?? [];
}

/**
 * Whether a COPY/ADD may bring a package.json: it names one (or `package*.json`), or a source that is
 * not a plain file of another name (a directory, `.`, a glob, a URL, another stage's tree).
 */
function mayBringPackageJson(step: DockerInstruction): boolean {
  if ((step.keyword !== 'COPY' && step.keyword !== 'ADD') || !step.copy) return false;
  if (step.copy.heredoc) return /package\.json/.test(step.rawArgsText);
  return step.copy.sources.some((source) => {
    const base = source.replace(/\/+$/, '').split('/').pop() ?? '';
    if (/package[^/]*\.json$|^package\*/.test(base) || /[*?[$]/.test(base)) return true;
    // A plain file has an extension or is a well-known extensionless file; anything else may be a directory.
    const plainFile = /\.[A-Za-z0-9]+$/.test(base) && !source.endsWith('/');
    return !plainFile;
  });
}

export const npmWithoutPackageJson: Rule = {
  id: 'npm-without-package-json',
  severity: 'warning',
  description:
    'The shipped stage runs `npm start`/`npm install` but no COPY brings a package.json into it; copy package.json (and the lockfile) in, or run the program directly.',
  aliases: [],
  check(ctx) {
    const shipped = shippedImageChain(ctx);
    if (!shipped) return [];
    const { chain, root, target } = shipped;
    // Official images only (no registry, no namespace): they hold no project of their own.
    if (root.base.includes('/')) return [];
    const steps = chain.flatMap((s) => s.steps);
    const first = steps.findIndex((s) => npmCommands(s).some(needsPackageJson));
    if (first === -1) return [];
    if (steps.slice(0, first + 1).some(mayBringPackageJson)) return [];
    // A CMD runs after every COPY of the stage, so any COPY at all (even after the RUN) counts for it.
    const step = steps[first] as DockerInstruction;
    if (step.keyword !== 'RUN' && steps.some(mayBringPackageJson)) return [];
    return [
      {
        line: step.line,
        endLine: step.endLine,
        message: `${finalStageLabel(target, true)} runs npm here, but nothing copies a package.json into it (or the stages it is built from), so npm fails with ENOENT; COPY package.json and the lockfile first, or run the program without npm.`,
      },
    ];
  },
};
