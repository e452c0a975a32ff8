import { describe, expect, test } from '@jest/globals';
import { substitute, type Scope } from '../../../src/dockerfile/substitute.js';

const scope: Scope = new Map<string, string | undefined>([
  ['SET', 'value'],
  ['EMPTY', ''],
  ['NODEFAULT', undefined],
]);

describe('substitute: the words BuildKit expands before it resolves a stage', () => {
  test.each([
    ['plain text stays', 'debian:12', 'debian:12'],
    ['$NAME and ${NAME}', 'a-$SET-${SET}', 'a-value-value'],
    ['an undeclared variable stays as written', 'x-${TARGETARCH}', 'x-${TARGETARCH}'],
    [':- on an empty value takes the word', '${EMPTY:-word}', 'word'],
    ['- on an empty value keeps it', 'x${EMPTY-word}', 'x'],
    [':+ on a set value takes the word', '${SET:+alt}', 'alt'],
    [':+ on an empty value is empty', 'x${EMPTY:+alt}', 'x'],
    ['a declared ARG without a default is unset', '${NODEFAULT:-d}', 'd'],
    ['double quotes in the word are syntax', '${EMPTY:-"supported"}', 'supported'],
    ['single quotes in the word are syntax', "${SET:+'un supported'}", 'un supported'],
    ['a variable inside double quotes in the word expands', '${EMPTY:-"$SET-x"}', 'value-x'],
    ['an escaped quote in the word is text', '${EMPTY:-a\\"b}', 'a"b'],
    ['quotes outside braces are left alone', 'a"$SET"', 'a"value"'],
    ['an escaped dollar is a dollar', 'a\\$SET', 'a$SET'],
  ])('%s', (_name, word, expected) => {
    expect(substitute(word, scope)).toBe(expected);
  });
});
