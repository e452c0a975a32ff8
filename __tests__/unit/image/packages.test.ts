/**
 * Packages from synthetic layers, no mirror: layer tars that write a dpkg status entry and its files,
 * an apk database entry, a node_modules package.json, a wheel's dist-info, a jar and a Go binary's
 * build info, read by the real layer scanner with the package reader, then inventoried and compared.
 */
import { describe, expect, it } from '@jest/globals';
import { zipSync } from 'fflate';
import { imageContents } from '../../../src/image/contents.js';
import { computeDelta } from '../../../src/image/delta.js';
import { LayerFileScanner, type LayerFiles } from '../../../src/image/layer-files.js';
import { compareVersions } from '../../../src/image/packages/diff.js';
import { GoBuildInfoFinder } from '../../../src/image/packages/go-buildinfo.js';
import { createPackageReader } from '../../../src/image/packages/reader.js';
import type { ImageMeasurement, LayerInfo } from '../../../src/model.js';
import { tarOf, type TarEntry } from './tar-fixtures.js';

const dpkgStatus = (version: string, kib: number) =>
  Buffer.from(
    [
      'Package: base-files',
      'Status: install ok installed',
      'Version: 12.4',
      'Installed-Size: 400',
      '',
      'Package: hello',
      'Status: install ok installed',
      'Architecture: amd64',
      `Version: ${version}`,
      `Installed-Size: ${kib}`,
      'Description: says hello',
      ' with a continuation line',
      '',
      'Package: removed-but-configured',
      'Status: deinstall ok config-files',
      'Version: 1.0',
      '',
    ].join('\n'),
  );

const apkInstalled = Buffer.from(
  'C:Q1abc=\nP:musl\nV:1.2.5-r0\nA:x86_64\nI:622592\n\nP:busybox\nV:1.36.1-r29\nI:950272\n',
);

function goBinary(): Buffer {
  // An ELF header, padding, then Go 1.18+'s inline build info: magic, 32-byte header, two uvarint strings.
  const magic = Buffer.from('\xff Go buildinf:', 'latin1');
  const header = Buffer.alloc(32);
  magic.copy(header);
  header[14] = 8;
  header[15] = 2;
  const sentinel = Buffer.alloc(16, 0x41);
  const info = Buffer.concat([
    sentinel,
    Buffer.from(
      'path\texample.com/tool\nmod\texample.com/tool\tv1.4.0\th1:abc=\ndep\tgolang.org/x/text\tv0.14.0\th1:def=\n',
    ),
    sentinel,
  ]);
  const str = (b: Buffer) =>
    Buffer.concat([
      Buffer.from([
        (b.length & 0x7f) | (b.length > 127 ? 0x80 : 0),
        ...(b.length > 127 ? [b.length >> 7] : []),
      ]),
      b,
    ]);
  return Buffer.concat([
    Buffer.from([0x7f, 0x45, 0x4c, 0x46]),
    Buffer.alloc(700_000, 1),
    header,
    str(Buffer.from('go1.22.1')),
    str(info),
    Buffer.alloc(100_000, 2),
  ]);
}

const jar = Buffer.from(
  zipSync({
    'META-INF/MANIFEST.MF': Buffer.from('Manifest-Version: 1.0\r\nImplementation-Title: ignored\r\n\r\n'),
    'META-INF/maven/org.example/widget/pom.properties': Buffer.from(
      '#generated\nversion=2.3.1\ngroupId=org.example\nartifactId=widget\n',
    ),
    'org/example/Widget.class': Buffer.alloc(2000, 7),
  }),
);

async function scanLayer(entries: TarEntry[]): Promise<LayerFiles> {
  const tar = await tarOf(entries.map((e) => ({ ...e, mode: e.mode ?? 0o644 })));
  const scanner = new LayerFileScanner(true, createPackageReader());
  // Small chunks: contents arrive in pieces, as from docker save.
  for (let i = 0; i < tar.length; i += 4096) await scanner.write(tar.subarray(i, i + 4096));
  return scanner.end();
}

const layerInfo = (i: number, text?: string): LayerInfo => ({
  diffId: `sha256:${i}`,
  size: 0,
  compressedSize: 0,
  createdBy: text ?? 'ADD rootfs /',
  ...(text ? { instruction: { stage: 'app', line: 10 + i, text } } : { baseImage: 'debian:12' }),
});

function measurement(layers: LayerFiles[], texts: Array<string | undefined>): ImageMeasurement {
  return {
    imageId: 'sha256:x',
    size: 0,
    compressedSize: 0,
    layers: texts.map((t, i) => layerInfo(i, t)),
    contents: imageContents(layers),
  };
}

describe('packages read from synthetic layers', () => {
  const baseLayer = () =>
    scanLayer([
      { name: 'var/lib/dpkg/status', data: dpkgStatus('2.10-3', 280) },
      { name: 'usr/bin/hello', data: Buffer.alloc(30_000, 1), mode: 0o755 },
      { name: 'lib/apk/db/installed', data: apkInstalled },
    ]);

  it('reads dpkg, apk, npm, Python, jar and Go records, each credited to the layer that wrote it', async () => {
    const layers = [
      await baseLayer(),
      await scanLayer([
        {
          name: 'app/node_modules/left-pad/package.json',
          data: Buffer.from('{"name":"left-pad","version":"1.3.0"}'),
        },
        { name: 'app/node_modules/left-pad/index.js', data: Buffer.alloc(1200, 0x61) },
        {
          name: 'app/node_modules/@scope/thing/package.json',
          data: Buffer.from('{"name":"@scope/thing","version":"0.1.0"}'),
        },
        {
          name: 'app/node_modules/left-pad/node_modules/nested/package.json',
          data: Buffer.from('{"version":"9.9.9"}'),
        },
        {
          name: 'usr/lib/python3/site-packages/six-1.16.0.dist-info/METADATA',
          data: Buffer.from(
            'Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\n\nlong description\nName: not-this\n',
          ),
        },
        {
          name: 'usr/lib/python3/site-packages/six-1.16.0.dist-info/RECORD',
          data: Buffer.from(
            'six.py,sha256=abc,34549\nsix-1.16.0.dist-info/METADATA,sha256=def,1795\nsix-1.16.0.dist-info/RECORD,,\n',
          ),
        },
        { name: 'opt/widget.jar', data: jar },
        { name: 'usr/local/bin/tool', data: goBinary(), mode: 0o755 },
      ]),
    ];
    const contents = imageContents(layers);
    const by = (name: string) => contents.packages.find((p) => p.name === name);
    expect(by('hello')).toEqual({
      ecosystem: 'deb',
      name: 'hello',
      version: '2.10-3',
      size: 280 * 1024,
      layer: 0,
      path: '/var/lib/dpkg/status',
    });
    expect(by('removed-but-configured')).toBeUndefined();
    expect(by('musl')).toMatchObject({ ecosystem: 'apk', version: '1.2.5-r0', size: 622592, layer: 0 });
    expect(by('busybox')).toMatchObject({ ecosystem: 'apk', version: '1.36.1-r29', size: 950272 });
    const pkgJson = '{"name":"left-pad","version":"1.3.0"}'.length;
    // The package's own files, not the nested package's.
    expect(by('left-pad')).toEqual({
      ecosystem: 'npm',
      name: 'left-pad',
      version: '1.3.0',
      size: 1200 + pkgJson,
      layer: 1,
      path: '/app/node_modules/left-pad/package.json',
    });
    expect(by('@scope/thing')).toMatchObject({ ecosystem: 'npm', version: '0.1.0', layer: 1 });
    expect(contents.packages.find((p) => p.version === '9.9.9')).toMatchObject({ name: 'nested' });
    expect(by('six')).toMatchObject({ ecosystem: 'python', version: '1.16.0', size: 34549 + 1795, layer: 1 });
    expect(by('org.example:widget')).toMatchObject({
      ecosystem: 'maven',
      version: '2.3.1',
      size: jar.length,
      path: '/opt/widget.jar',
    });
    expect(by('example.com/tool')).toMatchObject({
      ecosystem: 'go',
      version: 'v1.4.0',
      size: goBinary().length,
      path: '/usr/local/bin/tool',
    });
    expect(by('golang.org/x/text')).toMatchObject({ ecosystem: 'go', version: 'v0.14.0' });
    // The layer's facts are plain data, kept with the layer (JSON round trip: cacheable by diff id).
    expect(JSON.parse(JSON.stringify(layers[1].packages))).toEqual(layers[1].packages);
    expect(layers[1].packages!.manifests.map((m) => m.path)).toContain('/usr/local/bin/tool');
  });

  it('compares base and PR: added, removed, upgraded with versions, sizes and the instruction', async () => {
    const base = measurement(
      [
        await baseLayer(),
        await scanLayer([
          {
            name: 'app/node_modules/left-pad/package.json',
            data: Buffer.from('{"name":"left-pad","version":"1.1.0"}'),
          },
          {
            name: 'app/node_modules/gone/package.json',
            data: Buffer.from('{"name":"gone","version":"1.0.0"}'),
          },
        ]),
      ],
      [undefined, 'COPY node_modules /app/node_modules'],
    );
    const pr = measurement(
      [
        await baseLayer(),
        await scanLayer([{ name: 'var/lib/dpkg/status', data: dpkgStatus('2.10-3+deb12u1', 300) }]),
        await scanLayer([
          {
            name: 'app/node_modules/left-pad/package.json',
            data: Buffer.from('{"name":"left-pad","version":"1.3.0"}'),
          },
          { name: 'app/node_modules/left-pad/index.js', data: Buffer.alloc(5000) },
          { name: 'app/big.bin', data: Buffer.alloc(200_000) },
        ]),
      ],
      [undefined, 'RUN apt-get install -y hello', 'COPY node_modules /app/node_modules'],
    );
    const delta = computeDelta(pr, base);
    const changes = delta.packages!.map((c) => [
      c.change,
      c.ecosystem,
      c.name,
      c.baseVersion,
      c.headVersion,
      c.sizeDelta,
      c.instruction?.text,
    ]);
    expect(changes).toEqual([
      ['upgraded', 'deb', 'hello', '2.10-3', '2.10-3+deb12u1', 20 * 1024, 'RUN apt-get install -y hello'],
      ['upgraded', 'npm', 'left-pad', '1.1.0', '1.3.0', 5000, 'COPY node_modules /app/node_modules'],
      [
        'removed',
        'npm',
        'gone',
        '1.0.0',
        undefined,
        -'{"name":"gone","version":"1.0.0"}'.length,
        'COPY node_modules /app/node_modules',
      ],
    ]);
    // Files: the new big file first, from the COPY; the base image's own file is not listed.
    expect(delta.files?.[0]).toMatchObject({
      path: '/app/big.bin',
      change: 'added',
      headSize: 200_000,
      delta: 200_000,
      layer: 2,
    });
    expect(delta.files?.some((f) => f.path === '/usr/bin/hello')).toBe(false);
  });

  it('credits a database package to the layer whose copy first lists it at that version', async () => {
    const pr = measurement(
      [
        await baseLayer(),
        await scanLayer([{ name: 'var/lib/dpkg/status', data: dpkgStatus('2.10-3+deb12u1', 300) }]),
        // A later apt-get run rewrites the database; unchanged packages keep their first layer.
        await scanLayer([{ name: 'var/lib/dpkg/status', data: dpkgStatus('2.10-3+deb12u1', 300) }]),
      ],
      [undefined, 'RUN apt-get upgrade', 'RUN apt-get install -y other'],
    );
    const find = (n: string) => pr.contents!.packages.find((p) => p.name === n);
    expect(find('hello')?.layer).toBe(1);
    expect(find('base-files')?.layer).toBe(0);
  });

  it('drops packages whose record a later layer deleted', async () => {
    const layers = [
      await scanLayer([
        { name: 'app/node_modules/tmp/package.json', data: Buffer.from('{"name":"tmp","version":"1.0.0"}') },
      ]),
      await scanLayer([{ name: 'app/node_modules/.wh.tmp' }]),
    ];
    expect(imageContents(layers).packages).toEqual([]);
  });
});

describe('Go build info', () => {
  it('is found when the magic straddles two chunks', () => {
    const bin = goBinary();
    const at = bin.indexOf(Buffer.from('\xff Go buildinf:', 'latin1'));
    const finder = new GoBuildInfoFinder();
    finder.write(bin.subarray(0, at + 5));
    finder.write(bin.subarray(at + 5));
    expect(finder.result()).toMatchObject({
      goVersion: 'go1.22.1',
      main: { path: 'example.com/tool', version: 'v1.4.0' },
    });
  });

  it('is not looked for in files that are not ELF', () => {
    const finder = new GoBuildInfoFinder();
    finder.write(Buffer.concat([Buffer.from('#!/bin/sh\n'), goBinary()]));
    expect(finder.result()).toBeUndefined();
  });
});

describe('compareVersions', () => {
  it.each([
    ['1.2.3', '1.2.10', -1],
    ['2.10-3', '2.10-3+deb12u1', -1],
    ['3.0.17-1~deb12u2', '3.0.20-1~deb12u2', -1],
    ['1.0~rc1', '1.0', -1],
    ['1:1.0', '2.0', 1],
    ['v0.14.0', 'v0.14.0', 0],
  ])('%s vs %s is %d', (a, b, order) => {
    expect(Math.sign(compareVersions(a, b))).toBe(order);
    expect(Math.sign(compareVersions(b, a)) === -order).toBe(true);
  });
});
