/**
 * The Docker client: every `docker` command stagegate runs, as one typed call each, over the engine
 * seam (which only spawns processes). Why a command failed is worded here, once (`failureSummary`),
 * and the errors a user must act on (no engine, an unknown builder) are raised here with the fix.
 * Callers never assemble docker argv themselves, except a build's, which `build/argv.ts` makes.
 */
import { createReadStream } from 'node:fs';
import { UserError } from '../errors.js';
import { TAIL_LINES } from '../limits.js';
import { failureSummary, type Engine, type RunOptions, type RunResult, type StreamHandle } from './engine.js';

export { failureSummary };

/** What `docker info` says about the engine that matters to stagegate's figures. */
export interface EngineInfo {
  serverVersion: string;
  /**
   * Which image store the daemon uses: `containerd` when the containerd snapshotter holds images
   * (Docker 29's default on fresh installs), where `docker image inspect`'s Size means something else.
   */
  imageStore: 'classic' | 'containerd';
  /** The storage (graph) driver or snapshotter, as docker info names it. */
  storageDriver?: string;
  /** The engine's own platform (`linux/amd64`): what it can run without emulation. */
  platform?: string;
}

/** What `docker buildx inspect` says about a builder. */
export interface BuilderInfo {
  name?: string;
  /** docker, docker-container, remote, kubernetes, cloud... */
  driver?: string;
}

/** What `docker image inspect` says about an image. */
export interface InspectedImage {
  id: string;
  size: number;
  /** How many layers the image has (RootFS.Layers). */
  layerCount: number;
  /** The layers' diff ids, bottom first (RootFS.Layers). */
  diffIds: string[];
  /** `repo@sha256:...` the image was pulled as or pushed to (RepoDigests). */
  repoDigests: string[];
  /**
   * The image config's fields inspect shows (architecture, os, config, created...), for the config's
   * length when the image is measured without `docker save` (the exact bytes are not in inspect).
   */
  configFields: Record<string, unknown>;
}

/** One `docker history` row, oldest first (as the config's history, which it renders). */
export interface HistoryRow {
  createdBy: string;
  /** Bytes of the row's layer (0 for a row without one, and for an empty layer). */
  size: number;
  comment: string;
}

export interface BuildCall {
  cwd?: string;
  env?: Record<string, string>;
  onLine?: (line: string) => void;
  /** The job's cancellation: aborting ends the build's docker process. */
  signal?: AbortSignal;
}

export interface DockerRunCall {
  /** The container's name (`--name`), so it can be removed whatever becomes of the docker client. */
  name?: string;
  onLine?: (line: string) => void;
  /** Run the image for this platform (`linux/amd64`): the one it was built for. */
  platform?: string;
}

export interface Docker {
  /** `docker info`; throws a UserError that says how to get an engine when none answers. */
  info(): Promise<EngineInfo>;
  /** `docker buildx version`'s first line, or undefined when buildx is not available. */
  buildxVersion(): Promise<string | undefined>;
  /**
   * `docker buildx inspect [NAME]`: the named builder, or the current one. Throws a UserError naming
   * the input when buildx does not know a named builder; the current one's problems are not the user's.
   */
  inspectBuilder(name?: string): Promise<BuilderInfo>;
  /** A build with the argv `build/argv.ts` made. */
  build(args: string[], call?: BuildCall): Promise<RunResult>;
  /**
   * `docker image inspect`; throws DockerError when the image is not in the engine's store. An image
   * id (`sha256:<hex>`) is asked once per client: it names content, so the answer holds for the job
   * (the build resolves the loaded id, the stage table and the measurement read the same image).
   */
  inspectImage(image: string): Promise<InspectedImage>;
  /** `docker history --no-trunc IMAGE`, oldest first; throws DockerError when docker cannot. */
  history(image: string): Promise<HistoryRow[]>;
  /**
   * `docker buildx imagetools inspect REF` (`--raw`: the manifest or index as the registry serves
   * it; else with `--format`). Undefined when the registry cannot be reached or refuses, or after
   * `timeoutMs`: callers fall back to what they can measure.
   */
  imagetools(
    ref: string,
    how: { raw: true } | { format: string },
    timeoutMs: number,
  ): Promise<string | undefined>;
  /**
   * `docker save IMAGE...` as a stream (never buffered); aborting `signal` stops it (a read that ends
   * early). Several images make one archive in which the layers they share are written once.
   */
  save(images: string | readonly string[], signal?: AbortSignal): StreamHandle;
  /**
   * The archive a build exported to `file` (`--output=type=docker,dest=FILE`), streamed like `save`'s
   * output; aborting `signal` stops the read. Not a docker command: the file, read once.
   */
  exported(file: string, signal?: AbortSignal): StreamHandle;
  /** `docker load --input=FILE`: an exported image into the engine's store; throws DockerError when docker cannot. */
  load(file: string): Promise<void>;
  /** `docker run --rm [--name NAME] IMAGE` with the image's own command. */
  run(image: string, call?: DockerRunCall): Promise<RunResult>;
  /** `docker rm --force NAME`: stops (kills) and removes a container; false when docker could not. */
  removeContainer(name: string): Promise<boolean>;
}

/** A docker command failed; `summary` says why in docker's own words. */
export class DockerError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult,
  ) {
    super(`'docker ${command}' failed: ${failureSummary(result)}`);
    this.name = 'DockerError';
  }
}

interface InfoJson {
  ServerVersion?: unknown;
  Driver?: unknown;
  DriverStatus?: unknown;
  OSType?: unknown;
  Architecture?: unknown;
}

/** docker info's Architecture (the kernel's name) as an OCI platform architecture. */
const OCI_ARCH: Record<string, string> = {
  x86_64: 'amd64',
  amd64: 'amd64',
  aarch64: 'arm64',
  arm64: 'arm64',
  armv7l: 'arm/v7',
  armv6l: 'arm/v6',
  ppc64le: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
};

function platformOf(info: InfoJson): string | undefined {
  const os = typeof info.OSType === 'string' ? info.OSType : undefined;
  const arch = typeof info.Architecture === 'string' ? OCI_ARCH[info.Architecture] : undefined;
  return os && arch ? `${os}/${arch}` : undefined;
}

/** The builder's own `Name:` and `Driver:` lines (the first ones; node sections follow). */
export function parseBuilderInfo(text: string): BuilderInfo {
  const field = (key: string) => new RegExp(`^${key}:\\s*(\\S.*)$`, 'm').exec(text)?.[1].trim();
  return { name: field('Name'), driver: field('Driver') };
}

/** Reads `docker info --format '{{json .}}'`; a CLI that prints something else still answered. */
export function parseEngineInfo(stdout: string): EngineInfo {
  let info: InfoJson = {};
  try {
    const parsed: unknown = JSON.parse(stdout);
    if (typeof parsed === 'object' && parsed !== null) info = parsed as InfoJson;
  } catch {
    return { serverVersion: stdout.trim() || 'unknown', imageStore: 'classic' };
  }
  const status = Array.isArray(info.DriverStatus) ? (info.DriverStatus as unknown[]) : [];
  // The containerd store shows ["driver-type", "io.containerd.snapshotter.v1"] in DriverStatus.
  const snapshotter = status.some(
    (row) => Array.isArray(row) && row.some((cell) => String(cell).startsWith('io.containerd.snapshotter')),
  );
  return {
    serverVersion: typeof info.ServerVersion === 'string' ? info.ServerVersion : 'unknown',
    imageStore: snapshotter ? 'containerd' : 'classic',
    storageDriver: typeof info.Driver === 'string' ? info.Driver : undefined,
    platform: platformOf(info),
  };
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function parseInspect(image: string, stdout: string): InspectedImage {
  const parsed = JSON.parse(stdout) as Record<string, unknown> & { RootFS?: { Layers?: unknown } };
  if (typeof parsed.Id !== 'string' || typeof parsed.Size !== 'number') {
    throw new UserError(`docker image inspect ${image} did not report an Id and a Size.`, 'size');
  }
  const diffIds = strings(parsed.RootFS?.Layers);
  const configFields: Record<string, unknown> = {};
  for (const [from, to] of CONFIG_FIELDS) if (parsed[from] !== undefined) configFields[to] = parsed[from];
  return {
    id: parsed.Id,
    size: parsed.Size,
    layerCount: diffIds.length,
    diffIds,
    repoDigests: strings(parsed.RepoDigests),
    configFields,
  };
}

/** inspect's names for the image config's own fields. */
const CONFIG_FIELDS: Array<[string, string]> = [
  ['Architecture', 'architecture'],
  ['Author', 'author'],
  ['Config', 'config'],
  ['Created', 'created'],
  ['Os', 'os'],
  ['Variant', 'variant'],
];

/** `docker history --format '{{json .}}' --human=false` lines, newest first, as rows oldest first. */
export function parseHistory(stdout: string): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { CreatedBy?: unknown; Size?: unknown; Comment?: unknown };
    const size = Number(row.Size);
    if (!Number.isInteger(size) || size < 0)
      throw new Error(`docker history printed a size '${String(row.Size)}'`);
    rows.push({
      createdBy: typeof row.CreatedBy === 'string' ? row.CreatedBy : '',
      size,
      comment: typeof row.Comment === 'string' ? row.Comment : '',
    });
  }
  return rows.reverse();
}

const IMAGE_ID = /^sha256:[0-9a-f]{64}$/;

/** `docker image inspect`, asked once per image id (see `Docker.inspectImage`). */
function imageInspector(engine: Engine): (image: string) => Promise<InspectedImage> {
  const inspectedIds = new Map<string, Promise<InspectedImage>>();
  const inspect = async (image: string): Promise<InspectedImage> => {
    const r = await engine.run('docker', ['image', 'inspect', '--format', '{{json .}}', image]);
    if (r.exitCode !== 0) throw new DockerError(`image inspect ${image}`, r);
    return parseInspect(image, r.stdout);
  };
  return (image) => {
    if (!IMAGE_ID.test(image)) return inspect(image);
    let known = inspectedIds.get(image);
    if (!known) {
      known = inspect(image);
      inspectedIds.set(image, known);
      // A failure is not kept: the image may be loaded later in the job.
      known.catch(() => inspectedIds.delete(image));
    }
    return known;
  };
}

/** `docker save` (see `Docker.save`). */
function imageSaver(engine: Engine): Docker['save'] {
  return (images, signal) => {
    // The CLI's own request (`docker save A B` is `GET /images/get?names=A&names=B`), read from the
    // socket when the CLI would use a local one: one copy of every byte fewer (engine-socket.ts).
    const names = typeof images === 'string' ? [images] : [...images];
    const options = signal ? { signal } : {};
    const query = names.map((n) => `names=${encodeURIComponent(n)}`).join('&');
    const direct = engine.engineApiGet?.(`/images/get?${query}`, options);
    return direct ?? engine.stream('docker', ['save', ...names], options);
  };
}

/** A build's exported archive (see `Docker.exported`), streamed from the file as `save` streams. */
function exportedArchive(file: string, signal?: AbortSignal): StreamHandle {
  const stdout = createReadStream(file);
  signal?.addEventListener('abort', () => stdout.destroy(), { once: true });
  const done = new Promise<RunResult>((resolve) => {
    const ended = (message?: string) =>
      resolve({
        exitCode: message ? 1 : 0,
        stdout: '',
        stderr: message ?? '',
        tail: message ? [message] : [],
      });
    stdout.once('error', (err) => ended(err.message));
    stdout.once('close', () => ended());
  });
  return { stdout, done };
}

export function createDocker(engine: Engine): Docker {
  const quick = (args: string[]) => engine.run('docker', args, { tailLines: 5 });
  const inspectImage = imageInspector(engine);
  return {
    async info() {
      const r = await quick(['info', '--format', '{{json .}}']);
      if (r.exitCode === 0) return parseEngineInfo(r.stdout);
      throw new UserError(
        `Cannot reach a Docker engine ('docker info' failed: ${failureSummary(r)}). Start the Docker daemon (or set DOCKER_HOST); ` +
          'on GitHub Actions use a runner with Docker (e.g. ubuntu-latest) and add docker/setup-buildx-action before stagegate.',
        'engine',
      );
    },
    async buildxVersion() {
      const r = await quick(['buildx', 'version']);
      return r.exitCode === 0 ? r.stdout.split('\n')[0].trim() || 'buildx' : undefined;
    },
    async inspectBuilder(name) {
      const r = await quick(name === undefined ? ['buildx', 'inspect'] : ['buildx', 'inspect', '--', name]);
      if (r.exitCode === 0) return parseBuilderInfo(r.stdout);
      if (name === undefined) return {};
      throw new UserError(
        `Input 'builder' is '${name}', but docker buildx cannot use it ('docker buildx inspect' failed: ${failureSummary(r, 1)}). ` +
          "Create it first (docker/setup-buildx-action's 'name' output is what to pass), or leave 'builder' empty for the default builder.",
        'inputs',
      );
    },
    build(args, call = {}) {
      const options: RunOptions = {
        cwd: call.cwd,
        env: call.env,
        tailLines: TAIL_LINES.build,
        signal: call.signal,
      };
      if (call.onLine) {
        const onLine = call.onLine;
        options.onLine = (line) => onLine(line);
      }
      return engine.run('docker', args, options);
    },
    inspectImage,
    async history(image) {
      const args = ['history', '--no-trunc', '--human=false', '--format', '{{json .}}', image];
      const r = await engine.run('docker', args);
      if (r.exitCode !== 0) throw new DockerError(`history ${image}`, r);
      return parseHistory(r.stdout);
    },
    async imagetools(ref, how, timeoutMs) {
      const mode = 'raw' in how ? ['--raw'] : ['--format', how.format];
      const r = await engine.run('docker', ['buildx', 'imagetools', 'inspect', ...mode, '--', ref], {
        tailLines: 5,
        signal: AbortSignal.timeout(timeoutMs),
      });
      return r.exitCode === 0 ? r.stdout : undefined;
    },
    save: imageSaver(engine),
    exported: exportedArchive,
    async load(file) {
      const r = await quick(['load', '--quiet', `--input=${file}`]);
      if (r.exitCode !== 0) throw new DockerError(`load --input=${file}`, r);
    },
    run(image, call = {}) {
      const options: RunOptions = { tailLines: TAIL_LINES.testRun };
      if (call.onLine) {
        const onLine = call.onLine;
        options.onLine = (line) => onLine(line);
      }
      const platform = call.platform ? [`--platform=${call.platform}`] : [];
      const name = call.name ? ['--name', call.name] : [];
      return engine.run('docker', ['run', '--rm', ...name, ...platform, '--', image], options);
    },
    async removeContainer(name) {
      const r = await quick(['rm', '--force', '--', name]);
      return r.exitCode === 0;
    },
  };
}
