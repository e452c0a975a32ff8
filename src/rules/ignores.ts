/**
 * In-file suppressions, read from the Dockerfile's comments:
 * - `# stagegate ignore=<id>[,<id>]` for the next instruction, `# stagegate global ignore=...` for the file;
 * - `# stagegate stage ignore=...` / `# hadolint stage ignore=...` for the stage the next instruction is in;
 * - hadolint's `# hadolint ignore=DLxxxx[,...]` and `# hadolint global ignore=...` (matched against aliases);
 *   like hadolint, a hadolint pragma naming anything but DL/SC codes is invalid and ignores nothing;
 * - BuildKit's `# check=skip=<Name>[,...]` / `skip=all` / `error=true` parser directive, which applies
 *   to the rules that carry a BuildKit check name.
 * Names match a rule's id or any of its aliases, case-insensitively.
 */
import type { DockerfileModel } from '../dockerfile/types.js';

export interface InstructionIgnore {
  /** 1-based lines of the instruction the pragma applies to. */
  line: number;
  endLine: number;
  names: Set<string>;
}

export interface IgnorePragmas {
  /** Lower-cased names ignored in the whole file. */
  global: Set<string>;
  perInstruction: InstructionIgnore[];
  /** BuildKit's `# check=` directive. */
  check: { skipAll: boolean; skip: Set<string>; error: boolean };
}

const PRAGMA =
  /^(stagegate|hadolint)\s+(global\s+|stage\s+)?ignore\s*=\s*([A-Za-z0-9_.-]+(?:\s*,\s*[A-Za-z0-9_.-]+)*)/i;

const HADOLINT_CODE = /^(dl|sc)\d{4}$/;

function namesOf(list: string): string[] {
  return list
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== '');
}

/** `skip=A,B;error=true` (BuildKit also accepts spaces around the separators). */
export function parseCheckDirective(value: string): IgnorePragmas['check'] {
  const check = { skipAll: false, skip: new Set<string>(), error: false };
  for (const part of value.split(';')) {
    const [key, ...rest] = part.split('=');
    const v = rest.join('=').trim();
    switch (key.trim().toLowerCase()) {
      case 'skip':
        for (const name of namesOf(v)) {
          if (name === 'all') check.skipAll = true;
          else check.skip.add(name);
        }
        break;
      case 'error':
        check.error = v.toLowerCase() === 'true';
        break;
      default:
        break; // `experimental=...` and future keys: nothing for us to do
    }
  }
  return check;
}

export function readIgnorePragmas(model: DockerfileModel): IgnorePragmas {
  const pragmas: IgnorePragmas = {
    global: new Set(),
    perInstruction: [],
    check: { skipAll: false, skip: new Set(), error: false },
  };
  const lines = model.text.split(/\r?\n/);
  // The comments include the lines dockerfile-ast reads as parser directives (a first-line
  // `# hadolint global ignore=...` is one).
  for (const { line: commentLine } of model.comments) {
    const match = PRAGMA.exec((lines[commentLine - 1] ?? '').trim().replace(/^#\s*/, ''));
    if (!match) continue;
    const names = namesOf(match[3]);
    if (match[1].toLowerCase() === 'hadolint' && !names.every((n) => HADOLINT_CODE.test(n))) continue;
    const scope = match[2]?.trim().toLowerCase();
    if (scope === 'global') {
      for (const n of names) pragmas.global.add(n);
      continue;
    }
    // The next instruction below the comment (other comments and blank lines may sit between).
    const next = model.instructions.find((i) => i.line > commentLine);
    if (!next) continue;
    let [line, endLine] = [next.line, next.endLine];
    if (scope === 'stage') {
      const stage = model.graph.stages.find((s) => line >= s.line && line <= s.endLine);
      if (stage) [line, endLine] = [stage.line, stage.endLine];
    }
    pragmas.perInstruction.push({ line, endLine, names: new Set(names) });
  }
  const directive = model.comments.find((c) => c.directive?.name.toLowerCase() === 'check')?.directive;
  if (directive) pragmas.check = parseCheckDirective(directive.value);
  return pragmas;
}

/** What the engine knows about a finding when it decides whether it is suppressed. */
export interface Suppressible {
  line: number;
  /** Start lines of other instructions the finding is about; their ignore comments apply too. */
  relatedLines?: number[];
  /** Rule ids and aliases, lower-cased. */
  names: string[];
  /** The rule carries a BuildKit check name (so `# check=skip=` may apply). */
  buildkit: boolean;
}

export function isSuppressed(pragmas: IgnorePragmas, finding: Suppressible): boolean {
  if (finding.names.some((n) => pragmas.global.has(n))) return true;
  if (finding.buildkit && (pragmas.check.skipAll || finding.names.some((n) => pragmas.check.skip.has(n))))
    return true;
  const lines = [finding.line, ...(finding.relatedLines ?? [])];
  return pragmas.perInstruction.some(
    (p) =>
      lines.some((line) => line >= p.line && line <= p.endLine) && finding.names.some((n) => p.names.has(n)),
  );
}
