/**
 * What package-manager and build commands in a RUN do, read through the shared shell helpers
 * (src/rules/shell): dependency installs (per ecosystem), installs that bring dev dependencies,
 * prunes, and build steps. The multi-stage rules ask these questions about RUNs in several stages.
 */
import type { DockerInstruction as Instruction } from '../../dockerfile/instructions.js';
import {
  argsAfterSubcommand,
  argsNoFlags,
  dropFlagValues,
  flagValue,
  hasFlag,
  isProgram,
  subcommand,
} from '../shell/command.js';
import { basename, type ShellCommand } from '../shell/script.js';
import { keywordOf } from './stage-facts.js';

/** npm/yarn/pnpm flags that take a separate value word, so the value is not read as a subcommand or package. */
const NODE_VALUE_FLAGS = [
  'prefix',
  'C',
  'w',
  'workspace',
  'loglevel',
  'registry',
  'cache',
  'omit',
  'include',
  'only',
  'cwd',
  'filter',
];

/** The simple commands a RUN executes; empty for other instructions. */
export function runCommands(instruction: Instruction): ShellCommand[] {
  if (keywordOf(instruction) !== 'RUN') return [];
  return instruction.script?.commands ?? [];
}

/**
 * `python -m pip install x` -> `pip install x`; `uv pip install x` -> `pip install x`, so that one check
 * covers every way of calling a tool.
 */
export function normalised(command: ShellCommand): ShellCommand {
  if (/^python[\d.]*$/.test(basename(command.name)) && command.args[0] === '-m' && command.args[1]) {
    const args = command.args.slice(2);
    return { ...command, name: command.args[1], args, flags: command.flags.filter((f) => f !== 'm') };
  }
  if (isProgram(command, 'uv') && command.args[0] === 'pip') {
    return { ...command, name: 'pip', args: command.args.slice(1) };
  }
  return command;
}

function nodeCommand(command: ShellCommand): ShellCommand {
  return dropFlagValues(command, NODE_VALUE_FLAGS);
}

/** `npm ci`, or `npm install`/`npm i` without package names: installs what package.json lists. */
export function isNpmProjectInstall(command: ShellCommand): boolean {
  if (!isProgram(command, 'npm')) return false;
  const npm = nodeCommand(command);
  const sub = subcommand(npm);
  if (sub === 'ci' || sub === 'clean-install') return true;
  return (sub === 'install' || sub === 'i') && argsAfterSubcommand(npm).length === 0;
}

/** `--only=production`, `--only prod`, `--production`: deprecated since npm 7/8 in favour of `--omit=dev`. */
export function deprecatedProductionFlag(command: ShellCommand): string | undefined {
  if (!isProgram(command, 'npm')) return undefined;
  const sub = subcommand(nodeCommand(command));
  if (!['install', 'i', 'ci', 'clean-install', 'add'].includes(sub ?? '')) return undefined;
  const only = flagValue(command, 'only');
  if (only !== undefined && /^prod(uction)?$/.test(only)) {
    return command.args.includes('--only') ? `--only ${only}` : `--only=${only}`;
  }
  const production = command.args.find((a) => a === '--production' || a === '--production=true');
  return production;
}

export type Ecosystem =
  | 'npm'
  | 'pip'
  | 'poetry'
  | 'pipenv'
  | 'uv'
  | 'go'
  | 'bundler'
  | 'composer'
  | 'dotnet'
  | 'maven'
  | 'gradle'
  | 'cargo';

/** Files to copy before the install so it is cached until they change. */
export const MANIFESTS: Record<Ecosystem, string> = {
  npm: 'package.json and the lockfile (package-lock.json, yarn.lock or pnpm-lock.yaml)',
  pip: 'the requirements file',
  poetry: 'pyproject.toml and poetry.lock',
  pipenv: 'Pipfile and Pipfile.lock',
  uv: 'pyproject.toml and uv.lock',
  go: 'go.mod and go.sum',
  bundler: 'Gemfile and Gemfile.lock',
  composer: 'composer.json and composer.lock',
  dotnet: 'the *.csproj/*.sln files',
  maven: 'pom.xml',
  gradle: 'build.gradle(.kts), settings.gradle(.kts) and the gradle/ wrapper files',
  cargo: 'Cargo.toml and Cargo.lock',
};

/** Whether the program is one of `programs` (by name or basename), or a versioned pip (`pip3.12`). */
function oneOf(command: ShellCommand, programs: ReadonlySet<string>): boolean {
  const base = basename(command.name);
  return programs.has(command.name) || programs.has(base) || /^pip[\d.]+$/.test(base);
}

/** Every program `dependencyInstall` knows (after `normalised`); any other installs nothing. */
const INSTALLERS: ReadonlySet<string> = new Set([
  ...['npm', 'yarn', 'pnpm', 'bun', 'pip', 'pip3', 'poetry', 'pipenv', 'uv', 'go', 'bundle'],
  ...['composer', 'dotnet', 'mvn', 'mvnw', './mvnw', 'cargo'],
]);

/** Every program `dependencyFetch` knows (after `normalised`); any other fetches nothing. */
const FETCHERS: ReadonlySet<string> = new Set([
  ...['mvn', 'mvnw', './mvnw', 'gradle', 'gradlew', './gradlew', 'cargo', 'go', 'pip', 'pip3'],
]);

/** The ecosystem whose dependencies this command installs from a manifest, if it is such a command. */
export function dependencyInstall(raw: ShellCommand): Ecosystem | undefined {
  const command = normalised(raw);
  if (!oneOf(command, INSTALLERS)) return undefined;
  if (isNpmProjectInstall(command)) return 'npm';
  if (isProgram(command, 'yarn')) {
    const sub = subcommand(nodeCommand(command));
    if (sub === undefined || sub === 'install') return 'npm';
  }
  if (isProgram(command, 'pnpm', 'bun')) {
    const node = nodeCommand(command);
    const sub = subcommand(node);
    if ((sub === 'install' || sub === 'i') && argsAfterSubcommand(node).length === 0) return 'npm';
  }
  if (isProgram(command, 'pip', 'pip3') || /^pip[\d.]+$/.test(basename(command.name))) {
    if (subcommand(command) === 'install' && flagValue(command, 'r', 'requirement') !== undefined)
      return 'pip';
  }
  if (isProgram(command, 'poetry') && subcommand(command) === 'install') return 'poetry';
  if (
    isProgram(command, 'pipenv') &&
    subcommand(command) === 'install' &&
    argsAfterSubcommand(command).length === 0
  )
    return 'pipenv';
  if (isProgram(command, 'uv') && subcommand(command) === 'sync') return 'uv';
  if (isProgram(command, 'go') && command.args[0] === 'mod' && command.args[1] === 'download') return 'go';
  if (isProgram(command, 'bundle')) {
    const sub = subcommand(command);
    if (sub === undefined || sub === 'install') return 'bundler';
  }
  if (isProgram(command, 'composer') && subcommand(command) === 'install') return 'composer';
  if (isProgram(command, 'dotnet') && subcommand(command) === 'restore') return 'dotnet';
  if (
    isProgram(command, 'mvn', 'mvnw', './mvnw') &&
    command.args.some((a) => /^dependency:(go-offline|resolve)/.test(a))
  ) {
    return 'maven';
  }
  if (isProgram(command, 'cargo') && subcommand(command) === 'fetch') return 'cargo';
  return undefined;
}

/**
 * A Node.js install that brings devDependencies: `npm ci`/`npm install`, `yarn install`, `pnpm install`
 * without `--omit=dev`/`--production`/`--prod`, unless NODE_ENV=production is set (npm and yarn then skip
 * devDependencies too).
 */
export function installsNodeDevDependencies(command: ShellCommand, nodeEnvProduction: boolean): boolean {
  if (!isProgram(command, 'npm', 'yarn', 'pnpm', 'bun')) return false;
  if (nodeEnvProduction || command.assignments.some((a) => /^NODE_ENV=["']?production/.test(a))) return false;
  const omitsDev =
    /^dev/.test(flagValue(command, 'omit') ?? '') ||
    deprecatedProductionFlag(command) !== undefined ||
    hasFlag(command, 'production', 'prod', 'P');
  if (omitsDev) return false;
  if (isNpmProjectInstall(command)) return true;
  const node = nodeCommand(command);
  const sub = subcommand(node);
  if (isProgram(command, 'yarn')) return sub === undefined || sub === 'install';
  if (isProgram(command, 'pnpm', 'bun'))
    return (sub === 'install' || sub === 'i') && argsAfterSubcommand(node).length === 0;
  return false;
}

/** `npm prune --omit=dev`, `npm prune --production`, `pnpm prune --prod`, `yarn install --production`, `rm -rf node_modules`. */
export function removesNodeDevDependencies(command: ShellCommand): boolean {
  if (isProgram(command, 'rm')) return command.args.some((a) => /(^|\/)node_modules\/?$/.test(a));
  if (!isProgram(command, 'npm', 'pnpm', 'yarn')) return false;
  const sub = subcommand(nodeCommand(command));
  if (isProgram(command, 'npm', 'pnpm') && sub === 'prune') return true;
  if (
    isProgram(command, 'yarn') &&
    (sub === undefined || sub === 'install') &&
    hasFlag(command, 'production')
  )
    return true;
  if (
    isProgram(command, 'npm') &&
    isNpmProjectInstall(command) &&
    /^dev/.test(flagValue(command, 'omit') ?? '')
  )
    return true;
  return false;
}

const BUILD_SCRIPTS = /^(build|compile|dist|bundle|package|prod|production)([:-].*)?$/;

/** A step that turns sources into build output (so the output, not the tree, is what the image needs). */
export function isBuildStep(raw: ShellCommand): boolean {
  const command = normalised(raw);
  if (isProgram(command, 'npm', 'pnpm', 'yarn', 'bun')) {
    const node = nodeCommand(command);
    const sub = subcommand(node);
    const args = argsAfterSubcommand(node);
    if (sub === 'run' || sub === 'run-script') return BUILD_SCRIPTS.test(args[0] ?? '');
    return sub !== undefined && BUILD_SCRIPTS.test(sub) && !isProgram(command, 'npm');
  }
  // The subcommand as the Node tools' flags leave it (as for npm above), read only when needed.
  const sub = (): string | undefined => subcommand(nodeCommand(command));
  if (isProgram(command, 'tsc', 'webpack', 'vite', 'ng', 'next', 'nuxt', 'esbuild', 'rollup', 'parcel'))
    return true;
  if (
    isProgram(command, 'npx') &&
    /^(tsc|webpack|vite|ng|next|esbuild|rollup)$/.test(command.args.find((a) => !a.startsWith('-')) ?? '')
  )
    return true;
  if (isProgram(command, 'go')) return ['build', 'install'].includes(sub() ?? '');
  if (isProgram(command, 'cargo')) return ['build', 'install'].includes(sub() ?? '');
  if (isProgram(command, 'mvn', 'mvnw', './mvnw'))
    return command.args.some((a) => /^(package|install|verify)$/.test(a));
  if (isProgram(command, 'gradle', 'gradlew', './gradlew')) {
    return command.args.some((a) =>
      /^(:?[\w-]+:)*(build|assemble|bootJar|jar|shadowJar|installDist|distTar)$/.test(a),
    );
  }
  if (isProgram(command, 'dotnet')) return ['publish', 'build'].includes(sub() ?? '');
  if (isProgram(command, 'make', 'cmake', 'ninja', 'gcc', 'g++', 'javac')) return true;
  return false;
}

/** Maven goals that resolve (and download) the project's dependencies. */
const MAVEN_BUILD_GOALS =
  /^(compile|test-compile|test|package|verify|install|deploy|(spring-boot|quarkus|jib):[\w-]+)$/;

/**
 * A build that downloads the dependencies it lacks: `mvn package`, `./gradlew build`, `cargo build`,
 * `go build`/`go test`/`go install ./...`, `pip install .`. After `COPY . .` with no install of the same
 * ecosystem before it, each source change downloads them all again. Offline and vendored builds
 * (`mvn -o`, `--offline`, `-mod=vendor`) fetch nothing, and `go install tool@v1` installs a tool.
 */
export function dependencyFetch(raw: ShellCommand): Ecosystem | undefined {
  const command = normalised(raw);
  if (!oneOf(command, FETCHERS)) return undefined;
  const words = argsNoFlags(command);
  if (isProgram(command, 'mvn', 'mvnw', './mvnw')) {
    if (hasFlag(command, 'o', 'offline')) return undefined;
    return words.some((w) => MAVEN_BUILD_GOALS.test(w)) ? 'maven' : undefined;
  }
  if (isProgram(command, 'gradle', 'gradlew', './gradlew')) {
    return hasFlag(command, 'offline') || words.length === 0 ? undefined : 'gradle';
  }
  if (isProgram(command, 'cargo')) {
    const sub = subcommand(command);
    if (sub === 'install') return hasFlag(command, 'path') ? 'cargo' : undefined;
    return sub === 'build' || sub === 'test' || sub === 'run' ? 'cargo' : undefined;
  }
  if (isProgram(command, 'go')) {
    const sub = command.args[0];
    if (!['build', 'test', 'install', 'run', 'vet'].includes(sub ?? '')) return undefined;
    if (command.args.some((a) => /^-mod=vendor$/.test(a) || a.includes('@'))) return undefined;
    return 'go';
  }
  if (isProgram(command, 'pip', 'pip3') || /^pip[\d.]+$/.test(basename(command.name))) {
    if (subcommand(command) !== 'install' || hasFlag(command, 'no-deps')) return undefined;
    const targets = argsAfterSubcommand(command).filter((a) => !a.startsWith('-'));
    return targets.some((t) => t === '.' || t === './' || /^\.\[.*\]$/.test(t)) ? 'pip' : undefined;
  }
  return undefined;
}

/** Toolchain images whose builds download modules on demand: the ecosystem a `make` there drives. */
const TOOLCHAIN_IMAGES: Record<string, Ecosystem> = { golang: 'go', rust: 'cargo' };

/** The ecosystem of a toolchain base image (`golang:1.24-alpine` -> go), from its repository name. */
export function toolchainOfImage(imageName: string): Ecosystem | undefined {
  return TOOLCHAIN_IMAGES[imageName];
}

/** Make targets that build nothing. */
const NON_BUILD_TARGETS = /^(clean[\w-]*|distclean|help|version)$/;

/**
 * A `make` that builds (`make`, `make build`, `make clean-all build`; not `make --version`, a dry run
 * or only `clean`/`help`). On a Go or Rust toolchain image the Makefile drives `go build`/`cargo
 * build`, which download the modules they lack, so the caller counts it as that ecosystem's fetch.
 */
export function makeBuilds(command: ShellCommand): boolean {
  if (!isProgram(command, 'make', 'gmake')) return false;
  if (hasFlag(command, 'v', 'version', 'n', 'dry-run', 'just-print', 'q', 'question')) return false;
  const targets = dropFlagValues(command, ['C', 'f', 'file', 'j', 'jobs', 'directory', 'o', 'W']).args.filter(
    (a) => !a.startsWith('-') && !a.includes('='),
  );
  return targets.length === 0 || !targets.every((t) => NON_BUILD_TARGETS.test(t));
}

/** Where each ecosystem keeps downloads; a RUN with a cache mount there downloads nothing twice. */
export const DOWNLOAD_CACHES: Partial<Record<Ecosystem, RegExp>> = {
  maven: /\.m2(\/|$)/,
  gradle: /\.gradle(\/|$)/,
  cargo: /cargo(\/(registry|git))?\/?$|\/cargo\/registry/,
  go: /pkg\/mod(\/|$)|\/go(\/pkg)?\/?$|go-build/,
  pip: /(^|\/)\.?cache\/pip(\/|$)|\/pip(\/|$)/,
};
