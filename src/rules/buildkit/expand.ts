/**
 * Word expansion as BuildKit's shell lexer does it for FROM and ARG defaults (frontend/dockerfile/shell):
 * `$VAR`, `${VAR}`, `${VAR:-w}`, `${VAR-w}`, `${VAR:+w}`, `${VAR+w}`, `${VAR#p}`, `${VAR##p}`,
 * `${VAR%p}`, `${VAR%%p}`, quotes removed (single quotes literal), the escape character honoured.
 * Variables are looked up in `scope`; an unset one expands to nothing and is listed in `unmatched`.
 * Returns undefined for syntax it does not model (`${VAR/a/b}`, `${VAR?}`), so callers stay quiet.
 */
export type ExpandScope = ReadonlyMap<string, string | undefined>;

export interface Expansion {
  result: string;
  matched: Set<string>;
  unmatched: Set<string>;
}

class Unsupported extends Error {}

/** Shell pattern (`*`, `?`) to a regular expression. */
function patternRegex(pattern: string, anchor: 'start' | 'end', greedy: boolean): RegExp {
  const star = greedy ? '.*' : '.*?';
  let body = '';
  for (const ch of pattern) {
    if (ch === '*') body += star;
    else if (ch === '?') body += '.';
    else body += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(anchor === 'start' ? `^${body}` : `${body}$`);
}

function trim(value: string, op: string, pattern: string): string {
  const greedy = op.length === 2;
  if (op[0] === '#') {
    const m = patternRegex(pattern, 'start', greedy).exec(value);
    return m ? value.slice(m[0].length) : value;
  }
  // Shortest suffix: try the longest prefix first; longest suffix: the shortest prefix.
  const re = patternRegex(pattern, 'start', true);
  const starts = [...Array(value.length + 1).keys()];
  const order = greedy ? starts : starts.reverse();
  for (const i of order) {
    const rest = value.slice(i);
    const m = re.exec(rest);
    if (m && m[0].length === rest.length) return value.slice(0, i);
  }
  return value;
}

export function expandWord(word: string, scope: ExpandScope, escape = '\\'): Expansion | undefined {
  const matched = new Set<string>();
  const unmatched = new Set<string>();
  const lookup = (name: string): string | undefined => {
    const value = scope.get(name);
    if (value === undefined) unmatched.add(name);
    else matched.add(name);
    return value;
  };
  let i = 0;

  /** Reads until `stop` (not consumed) at the top level, expanding as it goes. */
  const read = (stop: string | undefined, inDouble: boolean): string => {
    let out = '';
    while (i < word.length) {
      const ch = word[i];
      if (stop !== undefined && ch === stop && !inDouble) return out;
      if (ch === escape && i + 1 < word.length) {
        const next = word[i + 1];
        if (!inDouble || next === '"' || next === '$' || next === escape) {
          out += next;
          i += 2;
          continue;
        }
        out += ch;
        i++;
        continue;
      }
      if (ch === "'" && !inDouble) {
        const close = word.indexOf("'", i + 1);
        if (close === -1) throw new Unsupported('unterminated quote');
        out += word.slice(i + 1, close);
        i = close + 1;
        continue;
      }
      if (ch === '"') {
        if (inDouble) return out;
        i++;
        out += read(undefined, true);
        if (word[i] !== '"') throw new Unsupported('unterminated quote');
        i++;
        continue;
      }
      if (ch === '$') {
        out += dollar();
        continue;
      }
      out += ch;
      i++;
    }
    return out;
  };

  const dollar = (): string => {
    i++; // $
    if (word[i] !== '{') {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(i))?.[0];
      if (!name) return '$';
      i += name.length;
      return lookup(name) ?? '';
    }
    i++; // {
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(i))?.[0];
    if (!name) throw new Unsupported('bad substitution');
    i += name.length;
    const op = /^(:-|:\+|-|\+|##|#|%%|%|\})/.exec(word.slice(i))?.[0];
    if (!op) throw new Unsupported(`modifier at ${word.slice(i)}`);
    i += op.length;
    const value = lookup(name);
    if (op === '}') return value ?? '';
    const arg = read('}', false);
    if (word[i] !== '}') throw new Unsupported("missing '}'");
    i++;
    const unsetOrEmpty = value === undefined || (op.startsWith(':') && value === '');
    if (op.endsWith('-')) return unsetOrEmpty ? arg : (value ?? '');
    if (op.endsWith('+')) return unsetOrEmpty ? '' : arg;
    return trim(value ?? '', op, arg);
  };

  try {
    const result = read(undefined, false);
    return { result, matched, unmatched };
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}
