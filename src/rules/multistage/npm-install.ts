/**
 * npm usage in images: `npm install` where a lockfile was copied in (so `npm ci` would install exactly
 * what was locked, faster, and fail instead of silently changing versions), and the deprecated
 * `--only=production` / `--production` flags (npm 7+ wants `--omit=dev`; newer versions warn).
 */
import type { DockerInstruction as Instruction } from '../../dockerfile/instructions.js';
import type { Rule, RuleHit } from '../types.js';
import { argsAfterSubcommand, isProgram, subcommand } from '../shell/command.js';
import { deprecatedProductionFlag, isNpmProjectInstall, runCommands } from './package-commands.js';
import { copyPaths, endLineOf, keywordOf, lineOf, stageChain } from './stage-facts.js';

const NPM_LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json'];

/** Docker COPY source glob (basename part) as a RegExp: `*`, `?` and `[...]` as in filepath.Match. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const c of glob) {
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[' || c === ']') re += c;
    else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re}$`);
  } catch {
    return /^$/;
  }
}

const lockfileCopies = new WeakMap<Instruction, boolean>();

/**
 * True when the COPY/ADD brings an npm lockfile in (named, or matched by a glob like `package*.json`).
 * Memoised per instruction: every stage asks it of its whole FROM chain.
 */
function copiesNpmLockfile(instruction: Instruction): boolean {
  const keyword = keywordOf(instruction);
  if (keyword !== 'COPY' && keyword !== 'ADD') return false;
  let copies = lockfileCopies.get(instruction);
  if (copies === undefined) {
    copies = bringsNpmLockfile(instruction);
    lockfileCopies.set(instruction, copies);
  }
  return copies;
}

function bringsNpmLockfile(instruction: Instruction): boolean {
  const keyword = keywordOf(instruction);
  if (keyword !== 'COPY' && keyword !== 'ADD') return false;
  const paths = copyPaths(instruction);
  if (!paths) return false;
  return paths.sources.some((source) => {
    const base = source.replace(/\/+$/, '').split('/').pop() ?? '';
    if (!/[*?[\]]/.test(base)) return NPM_LOCKFILES.includes(base);
    const pattern = globToRegExp(base);
    return NPM_LOCKFILES.some((lock) => pattern.test(lock));
  });
}

export const npmCiPreferred: Rule = {
  id: 'npm-ci-preferred',
  severity: 'warning',
  description:
    '`npm install` after copying package-lock.json: use `npm ci`, which installs exactly the locked versions and fails when the lockfile is out of date.',
  aliases: [],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const stage of ctx.model.graph.stages) {
      let lockfileLine: number | undefined;
      // Earlier stages of the FROM chain count: `FROM deps AS build` sees deps' files.
      const parents = stageChain(ctx.model.graph, stage.index).slice(0, -1);
      if (parents.some((p) => p.steps.some(copiesNpmLockfile))) lockfileLine = 0;
      for (const instruction of stage.steps) {
        if (copiesNpmLockfile(instruction)) lockfileLine = lineOf(instruction);
        if (lockfileLine === undefined) continue;
        for (const command of runCommands(instruction)) {
          if (!isNpmProjectInstall(command)) continue;
          const sub = subcommand(command);
          if (sub === 'ci' || sub === 'clean-install') continue;
          // `npm install --only=production` gets npm-deprecated-production-flag's advice (`npm ci --omit=dev`).
          if (deprecatedProductionFlag(command) !== undefined) continue;
          const where =
            lockfileLine > 0 ? ` (copied on line ${lockfileLine})` : ' (copied in a parent stage)';
          hits.push({
            line: lineOf(instruction),
            endLine: endLineOf(instruction),
            message: `\`npm ${sub}\` with package-lock.json in the image${where}: use \`npm ci\` to install exactly the locked versions.`,
          });
          break;
        }
      }
    }
    return hits;
  },
};

export const npmDeprecatedProductionFlag: Rule = {
  id: 'npm-deprecated-production-flag',
  severity: 'warning',
  description: '`npm install --only=production` / `--production` are deprecated: use `npm ci --omit=dev`.',
  aliases: [],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const instruction of ctx.model.instructions) {
      for (const command of runCommands(instruction)) {
        if (!isProgram(command, 'npm')) continue;
        const flag = deprecatedProductionFlag(command);
        if (!flag) continue;
        const sub = subcommand(command) ?? 'install';
        const installsPackages = argsAfterSubcommand(command).some((a) => !/^prod(uction)?$/.test(a));
        const advice = installsPackages
          ? `\`npm ${sub} --omit=dev\``
          : '`npm ci --omit=dev` (or `npm install --omit=dev` without a lockfile)';
        hits.push({
          line: lineOf(instruction),
          endLine: endLineOf(instruction),
          message: `\`npm ${sub} ${flag}\` uses a deprecated flag (npm 7+ ignores or warns about it); use ${advice}.`,
        });
        break;
      }
    }
    return hits;
  },
};
