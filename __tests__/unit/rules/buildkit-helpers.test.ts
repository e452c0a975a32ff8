/** The helpers BuildKit's checks share: word expansion and the image reference grammar. */
import { describe, expect, it } from '@jest/globals';
import { expandWord } from '../../../src/rules/buildkit/expand.js';
import { isValidImageReference } from '../../../src/rules/buildkit/image-reference.js';
import { imageRepository, knownImageEnv } from '../../../src/rules/buildkit/base-image-env.js';

describe('expandWord', () => {
  const scope = new Map<string, string | undefined>([
    ['A', 'linux/amd64'],
    ['EMPTY', ''],
    ['UNSET', undefined],
  ]);
  it.each([
    ['x-$A', 'x-linux/amd64'],
    ['${A#linux/}', 'amd64'],
    ['${A%/*}', 'linux'],
    ['${A##*/}', 'amd64'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${A:+"yes"}', 'yes'],
    ['${UNSET:+no}', ''],
    ["'$A'", '$A'],
    ['"a $A"', 'a linux/amd64'],
    ['\\$A', '$A'],
    ['$NOPE-x', '-x'],
  ])('%s -> %s', (word, result) => {
    expect(expandWord(word, scope)?.result).toBe(result);
  });

  it('lists matched and unmatched names', () => {
    const e = expandWord('$A${NOPE:-x}', scope);
    expect([...(e?.matched ?? [])]).toEqual(['A']);
    expect([...(e?.unmatched ?? [])]).toEqual(['NOPE']);
  });

  it('gives up on syntax it does not model', () => {
    expect(expandWord('${A/linux/x}', scope)).toBeUndefined();
    expect(expandWord('${A', scope)).toBeUndefined();
  });
});

describe('isValidImageReference', () => {
  it.each([
    'alpine',
    'alpine:3.20',
    'docker.io/library/node:20-alpine',
    'localhost:5000/a/b:c',
    'Registry.example.com:5000/team/img:1',
    'build_amd64',
    `a@sha256:${'a'.repeat(64)}`,
  ])('accepts %s', (ref) => expect(isValidImageReference(ref)).toBe(true));
  it.each(['', 'busybox:', 'Alpine', 'a:b:c', 'exit-"x"', 'a@sha256:xyz', ':tag'])('refuses %j', (ref) =>
    expect(isValidImageReference(ref)).toBe(false),
  );
});

describe('known base image environments', () => {
  it('normalises image names', () => {
    expect(imageRepository('docker.io/library/python:3.12-slim@sha256:abc')).toBe('python');
    expect(imageRepository('gcr.io/distroless/static:nonroot')).toBe('gcr.io/distroless/static');
  });
  it('knows official images and admits what it does not know', () => {
    expect(knownImageEnv('python:3.12')?.has('PYTHON_VERSION')).toBe(true);
    expect(knownImageEnv('alpine')).toEqual(new Set(['PATH']));
    expect(knownImageEnv('example.com/custom:1')).toBeUndefined();
    expect(knownImageEnv('${BASE}')).toBeUndefined();
  });
});
