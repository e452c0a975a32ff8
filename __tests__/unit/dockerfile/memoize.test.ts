import { describe, expect, it } from '@jest/globals';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { memoizeDockerfile } from '../../../src/dockerfile/memoize.js';
import { parseDockerfile } from '../../../src/dockerfile/load.js';

describe('memoizeDockerfile', () => {
  const text = 'FROM busybox AS build\nCOPY --from=base --chmod=755 a b /dst/\nENV A=1 B=2\nRUN echo $A\n';

  it('answers each getter as dockerfile-ast does, computing it once per instruction', () => {
    const plain = DockerfileParser.parse(text).getInstructions();
    const memo = memoizeDockerfile(DockerfileParser.parse(text)).getInstructions();
    const view = (i: Instruction) => ({
      args: i.getArguments().map((a) => [a.getValue(), a.getRange()]),
      content: i.getArgumentsContent(),
      raw: i.getRawArgumentsContent(),
      vars: i.getVariables().map((v) => v.getName()),
    });
    expect(memo.map(view)).toEqual(plain.map(view));
    const copy = memo[1];
    const first = copy.getArguments();
    expect(copy.getArguments()[0]).toBe(first[0]);
    expect(plain[1].getArguments()[0]).not.toBe(plain[1].getArguments()[0]);
  });

  it('hands out copies of arrays, so one caller changing its answer cannot change the next', () => {
    const [, copy] = memoizeDockerfile(DockerfileParser.parse(text)).getInstructions();
    const args = copy.getArguments();
    args.reverse().pop();
    expect(copy.getArguments().map((a) => a.getValue())).toEqual(['a', 'b', '/dst/']);
  });

  it('is what parseDockerfile hands to the rules', () => {
    const model = parseDockerfile(text, 'Dockerfile');
    const run = model.ast.getInstructions()[3];
    expect(run.getArguments()[0]).toBe(run.getArguments()[0]);
  });
});
