/**
 * Readings of an instruction's argument text that dockerfile-ast makes, ported to work on the text
 * itself: how its arguments join over continuation lines (`getArgumentsContent`) and where it finds
 * variables (`getVariables`). Its getters scan the arguments again on every call, and `getVariables`
 * resolves every variable it finds against the whole file (which rules never ask); these do neither.
 * Faithful ports, quirks included: instructions.test.ts compares them with dockerfile-ast's getters
 * on the whole corpus.
 */

/** Offset of each line's start; lines end at `\r\n`, `\r` or `\n`, as in dockerfile-ast's document. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 13 || c === 10) starts.push(i + 1);
  }
  return starts;
}

/** The 0-based line of an offset, given `lineStartsOf`. */
export function lineAt(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((lineStarts[mid] as number) > offset) high = mid;
    else low = mid + 1;
  }
  return low - 1;
}

const isNewline = (c: string | undefined): boolean => c === '\r' || c === '\n';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || isNewline(c);

/**
 * `getArgumentsContent` for arguments over several lines, from their raw text: each line's part up to
 * its escaped newline, comment lines inside the continuation dropped, joined.
 */
export function joinedArguments(raw: string, escape: string): string {
  const parts: string[] = [];
  let end = -1;
  let start: number | null = 0;
  let comment = false;
  const close = (): void => {
    if (start !== null) parts.push(raw.slice(start, end + 1));
    start = null;
    comment = false;
  };
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i];
    if (char === escape) {
      const next = raw[i + 1];
      if (next === ' ' || next === '\t') {
        for (let j = i + 2; j < raw.length; j++) {
          const c = raw[j];
          if (c === ' ' || c === '\t') continue;
          if (isNewline(c)) {
            close();
            i = c === '\r' ? j + 1 : j;
          }
          break;
        }
      } else if (next === '\r') {
        close();
        i += 2;
      } else if (next === '\n') {
        close();
        i++;
      } else i++;
    } else if (isNewline(char)) {
      if (comment) close();
    } else if (!comment) {
      if (start === null) {
        if (char === '#') {
          comment = true;
          continue;
        }
        let lineStart = i;
        while (lineStart > 0 && !isNewline(raw[lineStart - 1])) lineStart--;
        // dockerfile-ast starts the part at the line's start, unless the character is the first of it.
        if (lineStart !== i) start = lineStart;
      }
      end = i;
    }
  }
  parts.push(start === null ? raw.slice(end, end + 1) : raw.slice(start, end + 1));
  return parts.join('');
}

/** One `$NAME` / `${NAME...}` of an argument word: its name, whether it has a modifier, where its `$` is. */
export interface FoundVariable {
  name: string;
  /** `${NAME:-x}`, `${NAME:}`...: dockerfile-ast gives such a variable a (possibly empty) modifier. */
  guarded: boolean;
  /** Index of the `$` in the word. */
  at: number;
}

/**
 * After an escape character, the next newline of the word, wherever it is (dockerfile-ast skips to it,
 * whatever comes between); undefined when there is none.
 */
function escapedNewline(word: string, from: number): number | undefined {
  const newline = word.indexOf('\n', from);
  return newline === -1 ? undefined : newline;
}

/** `${...}` starting at `i`: the variable and the index of its `}`, or undefined when it never closes. */
function bracedVariable(
  word: string,
  i: number,
  escape: string,
): { found: FoundVariable; end: number } | undefined {
  let name = '';
  let nameEnd = -1;
  for (let j = i + 2; j < word.length; j++) {
    const char = word[j] as string;
    if (char === escape) {
      const newline = escapedNewline(word, j + 1);
      if (newline !== undefined) j = newline;
      continue;
    }
    if (char === '}') return { found: { name, guarded: nameEnd !== -1, at: i }, end: j };
    if (char === ':') {
      if (nameEnd === -1) nameEnd = j;
    } else if (!isBlank(char) && nameEnd === -1) name += char;
  }
  return undefined;
}

/** `$NAME` starting at `i`: the variable, and where scanning goes on (undefined: at the word's end). */
function bareVariable(word: string, i: number, escape: string): { found: FoundVariable; next?: number } {
  let name = '';
  for (let j = i + 1; j < word.length; j++) {
    const char = word[j] as string;
    if (isBlank(char)) continue;
    if (char === '$' || char === "'" || char === '"')
      return { found: { name, guarded: false, at: i }, next: j };
    if (char === escape) {
      const newline = escapedNewline(word, j + 1);
      if (newline !== undefined) {
        j = newline;
        continue;
      }
      return { found: { name, guarded: false, at: i } };
    }
    if (!/^[a-z0-9_]+$/i.test(char)) return { found: { name, guarded: false, at: i }, next: j };
    name += char;
  }
  return { found: { name, guarded: false, at: i } };
}

/** The variables dockerfile-ast finds in one argument word (`parseVariables`), in order. */
export function variablesInWord(word: string, escape: string): FoundVariable[] {
  const found: FoundVariable[] = [];
  for (let i = 0; i < word.length; i++) {
    const char = word[i];
    if (char === escape) {
      if (word[i + 1] === '$') i++;
      continue;
    }
    if (char !== '$') continue;
    if (word[i + 1] === '{') {
      const braced = bracedVariable(word, i, escape);
      if (!braced) break;
      found.push(braced.found);
      i = braced.end;
      continue;
    }
    if (isBlank(word[i + 1]) || i === word.length - 1) continue;
    const bare = bareVariable(word, i, escape);
    found.push(bare.found);
    if (bare.next === undefined) break;
    i = bare.next - 1;
  }
  return found;
}
