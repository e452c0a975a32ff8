import { describe, expect, it } from '@jest/globals';
import { buildEngineFault, runEngineFault } from '../../../src/build/engine-fault.js';

describe('buildEngineFault: the engine failed the build, not the Dockerfile', () => {
  it.each([
    ['Cannot connect to the Docker daemon at unix:///tmp/d.sock. Is the docker daemon running?'],
    ['error during connect: Post "http://%2Fvar%2Frun%2Fdocker.sock/v1.41/build": EOF'],
    ['failed to solve: rpc error: code = Unavailable desc = error reading from server: EOF'],
    ['read unix @->/run/docker.sock: read: connection reset by peer'],
    ['ERROR: failed to receive status: unexpected EOF'],
    ['failed to dial gRPC: cannot connect to the Docker daemon'],
    ['server did not provide an image ID'],
  ])('%s', (line) => {
    expect(buildEngineFault({ exitCode: 1, tail: ['#5 [test 2/2] RUN sleep 5', line] })).toBe(line);
  });

  it('a step whose own command exited non-zero is the Dockerfile failing, whatever it printed', () => {
    const tail = ['curl: (56) Recv failure: Connection reset by peer', 'ERROR: process did not complete'];
    expect(buildEngineFault({ exitCode: 1, tail, stepExitCode: 56, stepMessage: 'exit code: 56' })).toBe(
      undefined,
    );
  });

  it('a Dockerfile failure (no engine words) and a success are not engine faults', () => {
    expect(buildEngineFault({ exitCode: 1, tail: ['ERROR: failed to solve: dockerfile parse error'] })).toBe(
      undefined,
    );
    expect(buildEngineFault({ exitCode: 0, tail: ['Cannot connect to the Docker daemon'] })).toBe(undefined);
  });

  it("reads BuildKit's message for the step too", () => {
    expect(buildEngineFault({ exitCode: 1, tail: [], stepMessage: 'rpc error: code = Unavailable' })).toBe(
      'rpc error: code = Unavailable',
    );
  });
});

describe("runEngineFault: docker run's own exit 125, never the test's", () => {
  it("125 is docker's error, with docker's own line", () => {
    const tail = [
      'docker: Error response from daemon: network bridge not found.',
      "See 'docker run --help'.",
    ];
    expect(runEngineFault({ exitCode: 125, tail })).toBe(
      'docker: Error response from daemon: network bridge not found.',
    );
    expect(runEngineFault({ exitCode: 125, tail: ['error waiting for container: unexpected EOF'] })).toBe(
      'error waiting for container: unexpected EOF',
    );
  });

  it('any other exit code is the test command failing, even when it prints engine-like words', () => {
    expect(runEngineFault({ exitCode: 1, tail: ['connection reset by peer'] })).toBe(undefined);
    expect(runEngineFault({ exitCode: 0, tail: [] })).toBe(undefined);
  });
});
