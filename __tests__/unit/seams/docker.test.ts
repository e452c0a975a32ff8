/** The Docker client over the shared fake engine: what it asks docker, and how it words failures. */
import { describe, expect, it } from '@jest/globals';
import { UserError } from '../../../src/errors.js';
import { DockerError, failureSummary, parseBuilderInfo, parseEngineInfo } from '../../../src/seams/docker.js';
import { DAEMON_DOWN, fail, fakeEngine, INFO_JSON, ok } from '../../helpers/fake-engine.js';

describe('parseEngineInfo', () => {
  it('tells the classic store from the containerd image store by the snapshotter in DriverStatus', () => {
    expect(parseEngineInfo(INFO_JSON)).toEqual({
      serverVersion: '26.1.5',
      imageStore: 'classic',
      storageDriver: 'overlay2',
    });
    const containerd = JSON.stringify({
      ServerVersion: '29.0.1',
      Driver: 'overlayfs',
      DriverStatus: [['driver-type', 'io.containerd.snapshotter.v1']],
    });
    expect(parseEngineInfo(containerd)).toEqual({
      serverVersion: '29.0.1',
      imageStore: 'containerd',
      storageDriver: 'overlayfs',
    });
  });

  it("names the daemon's platform the OCI way (linux/amd64 from x86_64)", () => {
    const info = (Architecture: string) =>
      JSON.stringify({ ServerVersion: '29.0.1', OSType: 'linux', Architecture });
    expect(parseEngineInfo(info('x86_64')).platform).toBe('linux/amd64');
    expect(parseEngineInfo(info('aarch64')).platform).toBe('linux/arm64');
    expect(parseEngineInfo(info('mips')).platform).toBeUndefined();
  });

  it('still answers for a CLI that printed something other than JSON', () => {
    expect(parseEngineInfo('20.10.24\n')).toEqual({ serverVersion: '20.10.24', imageStore: 'classic' });
  });
});

describe('createDocker', () => {
  it('asks docker info for JSON, and says how to get an engine when none answers', async () => {
    const down = fakeEngine({ docker: () => fail(DAEMON_DOWN) });
    const err = await down.docker.info().catch((e: unknown) => e);
    expect(down.dockerCalls()).toEqual([['info', '--format', '{{json .}}']]);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).step).toBe('engine');
    expect((err as UserError).message).toContain(`'docker info' failed: ${DAEMON_DOWN}`);
    expect((err as UserError).message).toContain('Start the Docker daemon');
  });

  it("reads buildx's version line, and undefined when buildx is missing", async () => {
    const withBuildx = fakeEngine({ docker: () => ok('github.com/docker/buildx v0.30.1 a1b2c3\n') });
    expect(await withBuildx.docker.buildxVersion()).toBe('github.com/docker/buildx v0.30.1 a1b2c3');
    const without = fakeEngine({ docker: () => fail("docker: 'buildx' is not a docker command.") });
    expect(await without.docker.buildxVersion()).toBeUndefined();
  });

  it("names the 'builder' input when buildx does not know the builder", async () => {
    const fake = fakeEngine({ docker: () => fail('ERROR: no builder "ci" found') });
    const err = await fake.docker.inspectBuilder('ci').catch((e: unknown) => e);
    expect(fake.dockerCalls()).toEqual([['buildx', 'inspect', '--', 'ci']]);
    expect((err as UserError).step).toBe('inputs');
    expect((err as UserError).message).toContain("Input 'builder' is 'ci'");
    expect((err as UserError).message).toContain('no builder "ci" found');
  });

  it('inspects an image, and raises a DockerError in docker words for one the store lacks', async () => {
    const fake = fakeEngine({
      docker: (args) =>
        args[3] === '{{json .}}' && args[4] === 'app'
          ? ok(JSON.stringify({ Id: 'sha256:abc', Size: 1234, RootFS: { Layers: ['a', 'b'] } }))
          : fail('Error response from daemon: No such image: gone'),
    });
    expect(await fake.docker.inspectImage('app')).toEqual({
      id: 'sha256:abc',
      size: 1234,
      layerCount: 2,
      diffIds: ['a', 'b'],
      repoDigests: [],
      configFields: {},
    });
    const err = await fake.docker.inspectImage('gone').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).message).toBe(
      "'docker image inspect gone' failed: Error response from daemon: No such image: gone",
    );
  });

  it('inspects an image id once per client (it names content), a tag or a failure every time', async () => {
    const id = `sha256:${'ab'.repeat(32)}`;
    let missing = true;
    const fake = fakeEngine({
      docker: (args) => {
        const image = args[args.length - 1];
        if (image === 'gone' || (image === `sha256:${'cd'.repeat(32)}` && missing))
          return fail('Error response from daemon: No such image');
        return ok(JSON.stringify({ Id: id, Size: 1, RootFS: { Layers: ['a'] } }));
      },
    });
    const [a, b] = await Promise.all([fake.docker.inspectImage(id), fake.docker.inspectImage(id)]);
    expect(await fake.docker.inspectImage(id)).toEqual(a);
    expect(b).toEqual(a);
    await fake.docker.inspectImage('app');
    await fake.docker.inspectImage('app');
    const later = `sha256:${'cd'.repeat(32)}`;
    await expect(fake.docker.inspectImage(later)).rejects.toBeInstanceOf(DockerError);
    missing = false;
    await expect(fake.docker.inspectImage(later)).resolves.toMatchObject({ size: 1 });
    const asked = fake.dockerCalls().map((c) => c[c.length - 1]);
    expect(asked).toEqual([id, 'app', 'app', later, later]);
  });

  it('runs the test image with --rm and -- before the image, so an id cannot be read as a flag', async () => {
    const fake = fakeEngine({ docker: () => ({ exitCode: 3, lines: ['1 failed'] }) });
    const seen: string[] = [];
    const r = await fake.docker.run('sha256:abc', { onLine: (l) => seen.push(l) });
    expect(fake.dockerCalls()).toEqual([['run', '--rm', '--', 'sha256:abc']]);
    expect(r.exitCode).toBe(3);
    expect(seen).toEqual(['1 failed']);
  });
});

describe('parseBuilderInfo', () => {
  it("reads the builder's own name and driver, not its nodes'", () => {
    const text = [
      'Name:          builder-4f1c',
      'Driver:        docker-container',
      'Last Activity: 2026-12-01 20:00:00 +0000 UTC',
      '',
      'Nodes:',
      'Name:      builder-4f1c0',
      'Endpoint:  unix:///var/run/docker.sock',
      'Status:    running',
    ].join('\n');
    expect(parseBuilderInfo(text)).toEqual({ name: 'builder-4f1c', driver: 'docker-container' });
  });

  it('asks for the current builder without a name, and a failure there is no user error', async () => {
    const fake = fakeEngine({ docker: () => fail('ERROR: no valid drivers found') });
    expect(await fake.docker.inspectBuilder()).toEqual({});
    expect(fake.dockerCalls()).toEqual([['buildx', 'inspect']]);
  });
});

describe('failureSummary', () => {
  it('is the last non-blank lines of output, or the exit code when there were none', () => {
    expect(failureSummary({ exitCode: 1, stdout: '', stderr: '', tail: ['a', '', 'b', 'c', ' '] })).toBe(
      'b c',
    );
    expect(failureSummary({ exitCode: 1, stdout: '', stderr: 'only stderr\n', tail: [] })).toBe(
      'only stderr',
    );
    expect(failureSummary({ exitCode: 125, stdout: '', stderr: '', tail: [] })).toBe('exit code 125');
  });
});
