/**
 * Which Docker Engine API socket the docker CLI would talk to, when it is a local unix socket that
 * stagegate may read directly. Pure: the environment and the CLI config file's text are arguments.
 *
 * Why read the socket at all: `docker save` through the CLI copies every byte once more (daemon ->
 * CLI -> pipe -> stagegate). Reading `GET /images/get` from the socket, as dive does, takes that hop
 * out of the job's longest read (BENCHMARKS.md section 8). Anything the CLI would resolve differently
 * (a context, a tcp or ssh host) keeps the CLI, so the bytes always come from the daemon the rest of
 * the job talks to. Every docker CLI resolves its daemon this way, so `STAGEGATE_DOCKER` (which CLI
 * binary runs) changes nothing here.
 */

/** The CLI's default when neither DOCKER_HOST nor a context names another daemon. */
export const DEFAULT_ENGINE_SOCKET = '/var/run/docker.sock';

const UNIX_SCHEME = 'unix://';

export interface EngineSocketFacts {
  env: Record<string, string | undefined>;
  /** The text of the CLI's config.json (`$DOCKER_CONFIG/config.json` or `~/.docker/config.json`), if any. */
  cliConfig?: string;
}

/** The unix socket path to read the engine API from, or undefined when only the CLI knows the way. */
export function localEngineSocket({ env, cliConfig }: EngineSocketFacts): string | undefined {
  const context = env.DOCKER_CONTEXT?.trim();
  if (context && context !== 'default') return undefined;
  const host = env.DOCKER_HOST?.trim();
  if (host) {
    const path = host.startsWith(UNIX_SCHEME) ? host.slice(UNIX_SCHEME.length) : '';
    return path || undefined;
  }
  if (!context && currentContext(cliConfig) !== 'default') return undefined;
  return DEFAULT_ENGINE_SOCKET;
}

/** The config file's `currentContext` ('default' when unset or unreadable as JSON). */
function currentContext(cliConfig: string | undefined): string {
  if (!cliConfig) return 'default';
  try {
    const parsed = JSON.parse(cliConfig) as { currentContext?: unknown };
    return typeof parsed.currentContext === 'string' && parsed.currentContext.trim()
      ? parsed.currentContext.trim()
      : 'default';
  } catch {
    // The CLI refuses a config it cannot parse; so do we, by leaving the work to it.
    return 'unreadable';
  }
}
