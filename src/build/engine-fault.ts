/**
 * Tells the Docker engine's faults from the Dockerfile's: a daemon that is unreachable or dies while
 * it builds or runs is not the pull request's failure, and must not be reported as a failed stage or
 * a failed test. Pure: a command's result in, docker's own message out (or undefined when the
 * Dockerfile's step or the test itself failed).
 */

/** What docker and BuildKit print when the engine, not the build, failed (connection, stream, daemon). */
export const ENGINE_FAULT_PATTERNS: readonly RegExp[] = [
  /Cannot connect to the Docker daemon/i,
  /error during connect/i,
  /connection reset by peer/i,
  /unexpected EOF/i,
  /error reading from server: EOF/i,
  /server did not provide an image ID/i,
  /failed to dial gRPC/i,
  /rpc error: code = Unavailable/i,
  /Error response from daemon: (?:.*)?(?:dial unix|no such host|connection refused)/i,
  /dial unix \S+: connect: (?:no such file or directory|connection refused)/i,
];

/** `docker run` exits 125 when docker itself failed (not the container's command): see `docker run --help`. */
export const DOCKER_RUN_OWN_ERROR = 125;

export interface CommandOutcome {
  exitCode?: number;
  /** The command's last output lines. */
  tail: string[];
  /** BuildKit's message for a failing step, when the progress output named one. */
  stepMessage?: string;
  /** The failing step's process exit code: set, the Dockerfile's command itself failed. */
  stepExitCode?: number;
}

const clean = (lines: string[]): string[] => lines.map((l) => l.trim()).filter((l) => l !== '');

function matching(lines: string[]): string | undefined {
  return [...lines].reverse().find((l) => ENGINE_FAULT_PATTERNS.some((p) => p.test(l)));
}

/**
 * Docker's message when a build failed because of the engine. A step whose own command exited
 * non-zero is the Dockerfile's failure, whatever its output says (a RUN curl may print "connection
 * reset by peer" itself).
 */
export function buildEngineFault(outcome: CommandOutcome): string | undefined {
  if (outcome.exitCode === 0 || outcome.stepExitCode !== undefined) return undefined;
  return matching(clean([...outcome.tail, outcome.stepMessage ?? '']));
}

/**
 * Docker's message when `docker run` failed on docker's side: its own exit code 125 (the engine
 * refused or lost the container). Any other exit code is the test command's, whatever it printed.
 */
export function runEngineFault(outcome: CommandOutcome): string | undefined {
  if (outcome.exitCode !== DOCKER_RUN_OWN_ERROR) return undefined;
  const lines = clean(outcome.tail);
  return (
    matching(lines) ??
    [...lines].reverse().find((l) => l.startsWith('docker:')) ??
    lines[lines.length - 1] ??
    `docker run exited with ${DOCKER_RUN_OWN_ERROR} (docker's own error)`
  );
}
