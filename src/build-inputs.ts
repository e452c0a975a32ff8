/**
 * The build inputs stagegate shares with docker/build-push-action, with the same names and formats:
 * `secrets`, `secret-envs`, `secret-files`, `ssh`, `build-contexts`, `platforms`, `no-cache`, `pull`.
 * Bad entries are problems (one line each, naming the input and what would be right); a problem
 * never quotes a secret's value, only its id or line number.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseBool, parseList } from './input-lists.js';

/** A secret given by value (`secrets`: `id=value`); its value reaches docker only through the environment. */
export interface SecretValue {
  id: string;
  value: string;
}

/** A secret read from an environment variable of the runner (`secret-envs`: `id=ENV_NAME`). */
export interface SecretEnv {
  id: string;
  env: string;
}

/** A secret read from a file (`secret-files`: `id=path`); the path is made absolute against the workspace. */
export interface SecretFile {
  id: string;
  path: string;
}

/** A named context (`build-contexts`: `name=path-or-image`, e.g. `alpine=docker-image://alpine:3.20`). */
export interface BuildContext {
  name: string;
  value: string;
}

export interface BuildInputs {
  secrets: SecretValue[];
  'secret-envs': SecretEnv[];
  'secret-files': SecretFile[];
  /** `default`, `default=path` or `id=path[,path...]`, one per line, as `docker build --ssh` takes them. */
  ssh: string[];
  'build-contexts': BuildContext[];
  /** `linux/amd64`-style platforms; empty: the engine's own. */
  platforms: string[];
  'no-cache': boolean;
  pull: boolean;
}

/** What BuildKit accepts as a secret or ssh id, and what fits in docker's `id=...,env=...` spec unquoted. */
const ID = /^[A-Za-z0-9_.-]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A build context name as a Dockerfile's FROM or COPY --from refers to it (an image name may have / and :). */
const CONTEXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.\-/:@]*$/;
/** os/arch[/variant], as docker's --platform takes it. */
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;

/**
 * The lines of a `secrets` input, as docker/build-push-action reads them (CSV): one `id=value` per
 * line, or a double-quoted `"id=value"` that may span lines (a multi-line key), `""` for a quote.
 */
export function secretLines(text: string): string[] {
  const out: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!line.startsWith('"')) {
      out.push(line);
      continue;
    }
    // A quoted item ends at a quote that is not doubled, maybe lines later.
    let item = lines[i].trimStart().slice(1);
    while (!/(^|[^"])("")*"\s*$/.test(item) && i + 1 < lines.length) item += '\n' + lines[++i];
    out.push(item.replace(/"\s*$/, '').replace(/""/g, '"'));
  }
  return out;
}

/** Splits `id=rest` lines; a bad line is a problem naming its line number only (it may be a secret). */
function pairs(
  name: string,
  lines: string[],
  shape: string,
  problems: string[],
  checkId: RegExp = ID,
): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  lines.forEach((line, n) => {
    const eq = line.indexOf('=');
    const id = eq === -1 ? '' : line.slice(0, eq).trim();
    if (eq <= 0 || !checkId.test(id)) {
      problems.push(
        `Input '${name}' line ${n + 1} is not ${shape}; write one per line (id: letters, digits, '_', '.' or '-').`,
      );
      return;
    }
    out.push([id, line.slice(eq + 1)]);
  });
  return out;
}

function parseSecrets(get: (name: string) => string, problems: string[]) {
  const secrets = pairs('secrets', secretLines(get('secrets')), 'id=value', problems).map(([id, value]) => ({
    id,
    value,
  }));
  const envs: SecretEnv[] = [];
  for (const [id, env] of pairs(
    'secret-envs',
    parseList(get('secret-envs'), { commas: false }),
    'id=ENV_NAME',
    problems,
  )) {
    if (ENV_NAME.test(env.trim())) envs.push({ id, env: env.trim() });
    else
      problems.push(
        `Input 'secret-envs' has '${id}=${env}'; the part after '=' must name an environment variable (letters, digits and _).`,
      );
  }
  const files: SecretFile[] = [];
  for (const [id, given] of pairs(
    'secret-files',
    parseList(get('secret-files'), { commas: false }),
    'id=path',
    problems,
  )) {
    const path = resolve(given.trim());
    if (given.trim() && existsSync(path)) files.push({ id, path });
    else
      problems.push(
        `Input 'secret-files' has '${id}=${given}', but no file is there; write id=path to a file that an earlier step wrote.`,
      );
  }
  return { secrets, envs, files };
}

function parseSsh(get: (name: string) => string, problems: string[]): string[] {
  const specs = parseList(get('ssh'), { commas: false });
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const id = eq === -1 ? spec : spec.slice(0, eq);
    if (!ID.test(id) || (eq !== -1 && spec.slice(eq + 1).trim() === ''))
      problems.push(
        `Input 'ssh' has '${spec}'; write 'default' (the runner's SSH agent, SSH_AUTH_SOCK), or id=path to an agent socket or key, one per line.`,
      );
  }
  return specs;
}

function parseContexts(get: (name: string) => string, problems: string[]): BuildContext[] {
  const lines = parseList(get('build-contexts'), { commas: false });
  return pairs('build-contexts', lines, 'name=path-or-image', problems, CONTEXT_NAME).flatMap(
    ([name, value]) => {
      if (value.trim()) return [{ name, value: value.trim() }];
      problems.push(
        `Input 'build-contexts' has '${name}=' with nothing after '='; write name=path (a folder) or name=docker-image://image.`,
      );
      return [];
    },
  );
}

function parsePlatforms(get: (name: string) => string, problems: string[]): string[] {
  const platforms = parseList(get('platforms'), { commas: true });
  for (const p of platforms)
    if (!PLATFORM.test(p))
      problems.push(
        `Input 'platforms' has '${p}'; expected os/arch[/variant] such as linux/amd64 or linux/arm64/v8.`,
      );
  return platforms.filter((p) => PLATFORM.test(p));
}

export function parseBuildInputs(get: (name: string) => string, problems: string[]): BuildInputs {
  const { secrets, envs, files } = parseSecrets(get, problems);
  return {
    secrets,
    'secret-envs': envs,
    'secret-files': files,
    ssh: parseSsh(get, problems),
    'build-contexts': parseContexts(get, problems),
    platforms: parsePlatforms(get, problems),
    'no-cache': parseBool('no-cache', get('no-cache').trim() || 'false', problems),
    pull: parseBool('pull', get('pull').trim() || 'false', problems),
  };
}
