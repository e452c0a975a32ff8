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

/** One pass over a word: `i` walks it; variables looked up are sorted into matched and unmatched. */
class WordExpander {
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();
  private i = 0;

  constructor(
    private readonly word: string,
    private readonly scope: ExpandScope,
    private readonly escape: string,
  ) {}

  private lookup(name: string): string | undefined {
    const value = this.scope.get(name);
    if (value === undefined) this.unmatched.add(name);
    else this.matched.add(name);
    return value;
  }

  /** Reads until `stop` (not consumed) at the top level, expanding as it goes. */
  read(stop: string | undefined, inDouble: boolean): string {
    const { word, escape } = this;
    let out = '';
    while (this.i < word.length) {
      const ch = word[this.i];
      if (stop !== undefined && ch === stop && !inDouble) return out;
      if (ch === escape && this.i + 1 < word.length) {
        const next = word[this.i + 1];
        if (!inDouble || next === '"' || next === '$' || next === escape) {
          out += next;
          this.i += 2;
          continue;
        }
        out += ch;
        this.i++;
        continue;
      }
      if (ch === "'" && !inDouble) {
        const close = word.indexOf("'", this.i + 1);
        if (close === -1) throw new Unsupported('unterminated quote');
        out += word.slice(this.i + 1, close);
        this.i = close + 1;
        continue;
      }
      if (ch === '"') {
        if (inDouble) return out;
        this.i++;
        out += this.read(undefined, true);
        if (word[this.i] !== '"') throw new Unsupported('unterminated quote');
        this.i++;
        continue;
      }
      if (ch === '$') {
        out += this.dollar();
        continue;
      }
      out += ch;
      this.i++;
    }
    return out;
  }

  private dollar(): string {
    const { word } = this;
    this.i++; // $
    if (word[this.i] !== '{') {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(this.i))?.[0];
      if (!name) return '$';
      this.i += name.length;
      return this.lookup(name) ?? '';
    }
    this.i++; // {
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(this.i))?.[0];
    if (!name) throw new Unsupported('bad substitution');
    this.i += name.length;
    const op = /^(:-|:\+|-|\+|##|#|%%|%|\})/.exec(word.slice(this.i))?.[0];
    if (!op) throw new Unsupported(`modifier at ${word.slice(this.i)}`);
    this.i += op.length;
    const value = this.lookup(name);
    if (op === '}') return value ?? '';
    const arg = this.read('}', false);
    if (word[this.i] !== '}') throw new Unsupported("missing '}'");
    this.i++;
    const unsetOrEmpty = value === undefined || (op.startsWith(':') && value === '');
    if (op.endsWith('-')) return unsetOrEmpty ? arg : (value ?? '');
    if (op.endsWith('+')) return unsetOrEmpty ? '' : arg;
    return trim(value ?? '', op, arg);
  }
}

export function expandWord(word: string, scope: ExpandScope, escape = '\\'): Expansion | undefined {
  const expander = new WordExpander(word, scope, escape);
  try {
    const result = expander.read(undefined, false);
    return { result, matched: expander.matched, unmatched: expander.unmatched };
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}
