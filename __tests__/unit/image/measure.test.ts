import { describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { parseDockerfile } from '../../../src/dockerfile/load.js';
import { UserError } from '../../../src/errors.js';
import { measureImage } from '../../../src/image/measure.js';
import { registryManifestBytes } from '../../../src/image/manifest.js';
import { createScanStore } from '../../../src/image/scan-store.js';
import { fakeEngine, ok } from '../../helpers/fake-engine.js';
import { tarOf } from './tar-fixtures.js';

const dockerfile = 'FROM stagegate/busybox:1 AS app\nRUN rm /etc/motd\n';
const model = parseDockerfile(dockerfile, 'Dockerfile');

async function savedImage(): Promise<{ archive: Buffer; layers: Buffer[]; config: Buffer }> {
  const layers = [
    await tarOf([
      { name: 'etc/', type: 'directory' },
      { name: 'etc/motd', data: Buffer.from('welcome\n'.repeat(500)) },
    ]),
    await tarOf([{ name: 'etc/.wh.motd' }]),
  ];
  const config = Buffer.from(
    JSON.stringify({
      history: [
        { created_by: '/bin/sh -c #(nop) ADD file:1 in /' },
        { created_by: 'RUN /bin/sh -c rm /etc/motd # buildkit' },
      ],
      rootfs: { diff_ids: ['sha256:l1', 'sha256:l2'] },
    }),
  );
  const archive = await tarOf([
    { name: 'a/layer.tar', data: layers[1] },
    { name: 'b/layer.tar', data: layers[0] },
    { name: 'c.json', data: config },
    {
      name: 'manifest.json',
      data: Buffer.from(JSON.stringify([{ Config: 'c.json', Layers: ['b/layer.tar', 'a/layer.tar'] }])),
    },
  ]);
  return { archive, layers, config };
}

/** The shared fake engine: inspect answers one image, `docker save` streams the archive. */
function fakeImageEngine(archive: Buffer, saveExit = 0, saveStderr = '') {
  const fake = fakeEngine({
    docker: (args) => {
      expect(args.slice(0, 2)).toEqual(['image', 'inspect']);
      return ok(JSON.stringify({ Id: 'sha256:img', Size: 4000 }));
    },
    save: () => ({ archive, exitCode: saveExit, stderr: saveStderr }),
  });
  const saves = () =>
    fake.calls.filter(([, args]) => args[0] === 'save').map(([tool, args]) => [tool, ...args]);
  return { docker: fake.docker, saves };
}

describe('measureImage', () => {
  it('streams docker save of the inspected id and reports sizes, layers and waste', async () => {
    const { archive, layers, config } = await savedImage();
    const engine = fakeImageEngine(archive);
    const m = await measureImage(engine.docker, 'my-image:latest', model, 0);
    expect(engine.saves()).toEqual([['docker', 'save', 'sha256:img']]);
    expect(m.imageId).toBe('sha256:img');
    expect(m.size).toBe(4000);
    const gz = layers.map((l) => gzipSync(l, { level: 6 }).length);
    expect(m.compressedSize).toBe(gz[0] + gz[1] + config.length + registryManifestBytes(config.length, gz));
    expect(m.layers).toEqual([
      {
        diffId: 'sha256:l1',
        size: 4000,
        compressedSize: gz[0],
        compressedSizeSource: 'measured',
        createdBy: '/bin/sh -c #(nop) ADD file:1 in /',
        baseImage: 'stagegate/busybox:1',
      },
      {
        diffId: 'sha256:l2',
        size: 0,
        compressedSize: gz[1],
        compressedSizeSource: 'measured',
        createdBy: 'RUN /bin/sh -c rm /etc/motd # buildkit',
        instruction: { stage: 'app', line: 2, text: 'RUN rm /etc/motd' },
      },
    ]);
    expect(m.waste?.offenders).toEqual([{ path: '/etc/motd', wastedBytes: 4000, layers: [0, 1], count: 2 }]);
  });

  it('reads an image once: a second measurement of the same id comes from the scan store', async () => {
    const { archive } = await savedImage();
    const engine = fakeImageEngine(archive);
    const scans = createScanStore();
    const first = await measureImage(engine.docker, 'my-image:latest', model, 0, { scans });
    // The same image under the base commit's Dockerfile: same sizes, layers tied to its own lines.
    const baseModel = parseDockerfile(`# base\n${dockerfile}`, 'Dockerfile');
    const second = await measureImage(engine.docker, 'sha256:img', baseModel, 0, { scans });
    expect(engine.saves()).toHaveLength(1);
    expect(second.compressedSize).toBe(first.compressedSize);
    // Not compressed for this measurement: an earlier one's figures.
    expect(first.layers.map((l) => l.compressedSizeSource)).toEqual(['measured', 'measured']);
    expect(second.layers.map((l) => l.compressedSizeSource)).toEqual(['cached', 'cached']);
    expect(second.waste).toEqual(first.waste);
    expect(second.layers[1].instruction).toEqual({ stage: 'app', line: 3, text: 'RUN rm /etc/motd' });
    expect(first.layers[1].instruction?.line).toBe(2);
  });

  it('skips the file lists when waste is off', async () => {
    const { archive } = await savedImage();
    const m = await measureImage(fakeImageEngine(archive).docker, 'x', model, 0, { waste: false });
    expect(m.waste).toBeUndefined();
  });

  it("fails with a UserError naming the image and docker's message when docker save fails", async () => {
    const engine = fakeImageEngine(
      Buffer.alloc(0),
      1,
      'Error response from daemon: reference does not exist',
    );
    const err = await measureImage(engine.docker, 'x', model, 0).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).step).toBe('size');
    expect((err as UserError).message).toContain('reference does not exist');
    expect((err as UserError).message).toContain('sha256:img');
  });
});
