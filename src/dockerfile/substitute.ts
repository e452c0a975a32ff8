/**
 * Variable expansion in the words BuildKit expands before it resolves a stage: the `FROM` image (with
 * the global ARGs) and `COPY --from` / `RUN --mount=from=` (with the ARGs in scope). This is not a
 * Dockerfile parser (dockerfile-ast parses): it only expands `$VAR`, `${VAR}` and the `${VAR:-word}`,
 * `${VAR-word}`, `${VAR:+word}`, `${VAR+word}` forms BuildKit's shell lexer supports in these places.
 */

/** Variables in scope: a value, or `undefined` for an ARG declared without a default. */
export type Scope = ReadonlyMap<string, string | undefined>;

/** The platform ARGs BuildKit defines itself for every build. */
export const BUILDKIT_AUTOMATIC_ARGS: ReadonlySet<string> = new Set(
  ['TARGET', 'BUILD'].flatMap((p) => ['PLATFORM', 'OS', 'ARCH', 'VARIANT'].map((n) => p + n)),
);

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Expands the variables of `word`. A variable nobody declared is left exactly as written: BuildKit fills
 * in its automatic ones (`TARGETPLATFORM`, `BUILDARCH`, ...) at build time, and showing `${TARGETARCH}`
 * in a report says more than an empty string would. With `quotes`, the word's own quotes and escapes
 * are removed as the shell would (used for the word of `${VAR:-word}`, where they are syntax).
 */
export function substitute(word: string, scope: Scope, escapeChar = '\\', quotes = false): string {
  let out = '';
  let i = 0;
  let inDouble = false;
  while (i < word.length) {
    const c = word[i];
    if (quotes && c === '"') {
      inDouble = !inDouble;
      i += 1;
      continue;
    }
    if (quotes && c === "'" && !inDouble) {
      const close = word.indexOf("'", i + 1);
      if (close === -1) {
        out += word.slice(i + 1);
        break;
      }
      out += word.slice(i + 1, close);
      i = close + 1;
      continue;
    }
    if (quotes && c === escapeChar && i + 1 < word.length && word[i + 1] !== '$') {
      out += word[i + 1];
      i += 2;
      continue;
    }
    if (c === escapeChar && word[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i += 1;
      continue;
    }
    if (word[i + 1] === '{') {
      const close = matchingBrace(word, i + 1);
      if (close === -1) {
        out += word.slice(i);
        break;
      }
      out += expandBraced(word.slice(i, close + 1), word.slice(i + 2, close), scope, escapeChar);
      i = close + 1;
      continue;
    }
    const name = NAME.exec(word.slice(i + 1))?.[0];
    if (!name) {
      out += c;
      i += 1;
      continue;
    }
    out += scope.has(name) ? (scope.get(name) ?? '') : `$${name}`;
    i += 1 + name.length;
  }
  return out;
}

function matchingBrace(word: string, open: number): number {
  let depth = 0;
  for (let j = open; j < word.length; j++) {
    if (word[j] === '{') depth++;
    else if (word[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

function expandBraced(written: string, inner: string, scope: Scope, escapeChar: string): string {
  const name = NAME.exec(inner)?.[0];
  if (!name) return written;
  const rest = inner.slice(name.length);
  const declared = scope.has(name);
  const value = scope.get(name);
  if (rest === '') return declared ? (value ?? '') : written;
  const op = /^(:?[-+])/.exec(rest)?.[1];
  if (!op) return declared ? (value ?? '') : written;
  // BuildKit's lexer reads the word after `:-`/`:+` as a shell word: its quotes are syntax, not text
  // (`ARG V=${V:-"supported"}` is `supported`). dockerfile-ast leaves them in place inside braces.
  const alt = substitute(rest.slice(op.length), scope, escapeChar, true);
  // `:-`/`:+` treat an empty value like an unset one; `-`/`+` only look at whether it is set.
  const isSet = op.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
  if (op.endsWith('-')) return isSet ? (value ?? '') : alt;
  return isSet ? alt : '';
}
