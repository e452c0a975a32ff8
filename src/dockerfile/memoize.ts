/**
 * Makes dockerfile-ast's most expensive getters compute once per instruction.
 *
 * dockerfile-ast recomputes on every call: `getArguments()` re-scans the instruction's text and builds
 * new Argument objects and ranges each time, and `getFlags()`, `getVariables()`, `getProperties()` and
 * the arguments-content getters likewise. A hundred-odd rules ask the same questions of the same
 * instructions. A parsed Dockerfile is never modified (stagegate only reads it), so a getter's first
 * answer stays right. Only these six are wrapped: wrapping every getter cost more than it saved
 * (measured over the shared corpus). Arrays are returned as fresh copies, so a caller that sorts or
 * splices one cannot change the next caller's answer; their elements are shared.
 */
import type { Dockerfile, Instruction } from 'dockerfile-ast';

const GETTERS = [
  'getArguments',
  'getFlags',
  'getArgumentsContent',
  'getRawArgumentsContent',
  'getVariables',
  'getProperties',
] as const;

type Getter = (this: unknown) => unknown;

function memoizeInstruction(instruction: Instruction): void {
  const target = instruction as unknown as Record<string, unknown>;
  for (const name of GETTERS) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    let computed = false;
    let value: unknown;
    target[name] = function memoized(this: unknown) {
      if (!computed) {
        value = (original as Getter).call(this);
        computed = true;
      }
      return Array.isArray(value) ? value.slice() : value;
    };
  }
}

/** Caches those getters on every instruction of `ast`, in place. Returns `ast`. */
export function memoizeDockerfile(ast: Dockerfile): Dockerfile {
  for (const instruction of ast.getInstructions()) memoizeInstruction(instruction);
  return ast;
}
