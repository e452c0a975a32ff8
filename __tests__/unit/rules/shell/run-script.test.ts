import { describe, expect, test } from '@jest/globals';
import type { DockerInstruction } from '../../../../src/dockerfile/instructions.js';
import { parseDockerfile } from '../../../../src/dockerfile/load.js';
import { execFormWords } from '../../../../src/rules/shell/run-script.js';
import type { ShellScript } from '../../../../src/rules/shell/script.js';

/** The first RUN (or ONBUILD RUN trigger) of the file, in the typed model the rules read. */
function runOf(dockerfile: string): DockerInstruction {
  const run = parseDockerfile(dockerfile, 'Dockerfile').instructions.find((i) => i.keyword === 'RUN');
  if (!run) throw new Error('no RUN');
  return run;
}

/** Its script, as run-script.ts derives it and the model parses it. */
function runScript(run: DockerInstruction): ShellScript {
  if (!run.script) throw new Error('no script');
  return run.script;
}

const runScriptText = (run: DockerInstruction): string | undefined => run.scriptText;

describe('the script of a RUN', () => {
  test('joins continuations and drops the comment lines Docker drops inside them', () => {
    const run = runOf('FROM x\nRUN apt-get update \\\n  # why\n  && apt-get install -y curl\n');
    expect(runScript(run).commands.map((c) => [c.name, ...c.args])).toEqual([
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', 'curl'],
    ]);
  });

  test('honours the escape directive (backtick continuations) and blanks after the escape', () => {
    const run = runOf('# escape=`\nFROM x\nRUN choco install -y git `\n    && echo done\n');
    expect(runScript(run).commands.map((c) => c.name)).toEqual(['choco', 'echo']);
    const blanks = runOf('FROM x\nRUN apk add \\  \n  curl\n');
    expect(runScript(blanks).commands[0]?.args).toEqual(['add', 'curl']);
  });

  test('leaves RUN flags out of the script', () => {
    const run = runOf('FROM x\nRUN --mount=type=cache,target=/root/.npm npm ci\n');
    expect(runScriptText(run)).toBe('npm ci');
  });

  test('reads exec form as words joined with blanks', () => {
    expect(runScriptText(runOf('FROM x\nRUN ["apk", "add", "curl"]\n'))).toBe('apk add curl');
    expect(execFormWords('[ "a", 1 ]')).toBeUndefined();
    expect(execFormWords('not json')).toBeUndefined();
  });

  test('a heredoc body is the script; a non-shell program keeps its own command line', () => {
    const heredoc = runOf('FROM x\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n');
    expect(runScript(heredoc).commands.map((c) => c.name)).toEqual(['apt-get', 'apt-get']);
    const bash = runOf('FROM x\nRUN <<EOT bash\nset -e\npip install flask\nEOT\n');
    expect(runScript(bash).commands.map((c) => c.name)).toEqual(['set', 'pip']);
    const python = runOf('FROM x\nRUN python3 <<EOF\nimport os\nEOF\n');
    expect(runScript(python).commands.map((c) => c.name)).toEqual(['python3']);
  });

  test('works on an ONBUILD trigger', () => {
    const onbuild = runOf('FROM x\nONBUILD RUN npm install left-pad\n');
    expect(onbuild.onbuild).toBe(true);
    expect(runScript(onbuild).commands[0]?.args).toEqual(['install', 'left-pad']);
  });
});
