/**
 * The test image's run over the shared fake engine: a named container, removed at test-timeout and
 * on cancel (the run then ends as failed/timed out or error/cancelled), and docker run's own 125 as
 * an engine error. The fake `docker run` hangs until `docker rm --force` names its container.
 */
import { describe, expect, it } from '@jest/globals';
import { runTestImage } from '../../../src/build/test-run.js';
import { fakeEngine, ok, type Answer } from '../../helpers/fake-engine.js';
import { fakeRunner } from '../../helpers/fake-runner.js';

const command = { command: 'CMD ["sh", "-c", "sleep 600"]', line: 2 };

/** `docker run` prints a line, then waits until `docker rm --force NAME` removes its container. */
function hangingEngine(run: () => Answer | undefined = () => undefined) {
  const running = new Map<string, (a: Answer) => void>();
  const fake = fakeEngine({
    docker: (args, options) => {
      if (args[0] === 'run') {
        const answer = run();
        if (answer) return answer;
        const name = args[args.indexOf('--name') + 1];
        options.onLine?.('started-hanging', 'stdout');
        return new Promise<Answer>((resolve) => running.set(name, resolve));
      }
      if (args[0] === 'rm') {
        const name = args[args.length - 1];
        running.get(name)?.({ exitCode: 137, lines: [] });
        running.delete(name);
        return ok();
      }
      return undefined;
    },
  });
  return { fake, running };
}

const request = (over: Partial<Parameters<typeof runTestImage>[1]> = {}) => ({
  stage: 'test',
  image: 'sha256:abc',
  command,
  log: fakeRunner(),
  ...over,
});

describe('runTestImage', () => {
  it('stops and removes the container at test-timeout, and reports a timed-out failure with its output', async () => {
    const { fake, running } = hangingEngine();
    const out = await runTestImage(fake.docker, request({ timeoutMs: 50 }));
    expect(out.test).toMatchObject({
      stage: 'test',
      result: 'failed',
      timedOutAfterMs: 50,
      reason: "timed out after 50ms ('test-timeout'); the container was stopped and removed.",
      logTail: ['started-hanging'],
      failedStep: { kind: 'run', line: 2 },
    });
    const [run] = fake.dockerCalls().filter((a) => a[0] === 'run');
    const name = run[run.indexOf('--name') + 1];
    expect(name).toMatch(/^stagegate-test-[0-9a-f]{12}$/);
    expect(fake.dockerCalls()).toContainEqual(['rm', '--force', '--', name]);
    expect(running.size).toBe(0);
  });

  it('removes the container when the job is cancelled, and gives no verdict (error)', async () => {
    const { fake } = hangingEngine();
    const controller = new AbortController();
    const pending = runTestImage(fake.docker, request({ signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort(new Error('SIGTERM'));
    const out = await pending;
    expect(out.test).toMatchObject({ result: 'error', reason: expect.stringMatching(/cancelled/) });
    expect(fake.dockerCalls().some((a) => a[0] === 'rm')).toBe(true);
  });

  it("reports docker run's own exit 125 as an engine error, not a failed test", async () => {
    const { fake } = hangingEngine(() => ({
      exitCode: 125,
      lines: ['docker: Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?'],
    }));
    const out = await runTestImage(fake.docker, request({ timeoutMs: 10_000 }));
    expect(out.test.result).toBe('error');
    expect(out.error?.step).toBe('engine');
    expect(out.error?.message).toMatch(
      /^The Docker engine failed while running the test image of stage 'test': docker: Cannot connect/,
    );
    expect(fake.dockerCalls().some((a) => a[0] === 'rm')).toBe(false);
  });

  it("a test command's own non-zero exit is a failed test with its exit code", async () => {
    const { fake } = hangingEngine(() => ({ exitCode: 3, lines: ['1 test failed'] }));
    const out = await runTestImage(fake.docker, request());
    expect(out.test).toMatchObject({
      result: 'failed',
      failedStep: { exitCode: 3 },
      logTail: ['1 test failed'],
    });
    expect(out.error).toBeUndefined();
  });
});
