/**
 * Splits a shell script (a RUN's command line) into simple commands with their arguments.
 *
 * Tokenising is done by `shell-quote`; this module only walks its tokens: it splits on control
 * operators (`&&`, `||`, `;`, `|`, `&`, subshell parentheses, `$(...)`), drops redirections and
 * leading `NAME=value` assignments, skips shell keywords (`if`, `then`, `do`, `for x in ...`...) and
 * looks inside `sh -c '...'`. That is the command model hadolint's rules use (it gets it from
 * ShellCheck's parser), so rules written against it agree with hadolint.
 */
import { parse, type ParseEntry } from 'shell-quote';

export interface ShellCommand {
  /** The program as written (`apt-get`, `/usr/bin/pip3`, `./configure`). */
  name: string;
  /** Words after the program name; redirections and their targets are removed. */
  args: string[];
  /**
   * Flag names found in `args`, split the way hadolint splits them: `-xyz` gives `x`, `y`, `z`;
   * `--foo=bar` gives `foo`; `-` and `--` give none.
   */
  flags: string[];
  /** `NAME=value` words written before the program. */
  assignments: string[];
  /** True when the command is one side of a `|` pipe. */
  piped: boolean;
  /** True when the command was found inside the script string of `sh -c '...'` (or bash/dash/ash/zsh). */
  nested: boolean;
}

export interface ShellScript {
  /** The script after line continuations and comments were removed. */
  text: string;
  /** Simple commands in the order they appear (nested `sh -c` commands right after their shell). */
  commands: ShellCommand[];
  /** True when the script has a `|` pipe anywhere (not `||`). */
  hasPipe: boolean;
  /** Every `|` pipe, in order (those inside `sh -c '…'` too). */
  pipes: ShellPipe[];
}

/**
 * One `|` pipe: the simple command writing into it and the one reading from it. A side that is a
 * compound command (`( … ) | x`, `done | x`, `x | { …; }`) is undefined: it is not one program.
 */
export interface ShellPipe {
  writer?: ShellCommand;
  reader?: ShellCommand;
  /**
   * True when the pipe is inside a command substitution that is a command's argument (`useradd -p
   * $(head -c32 /dev/urandom | base64) u`) or inside a process substitution (`diff <(a | b) f`): the
   * shell discards that substitution's exit status, with or without pipefail. A substitution that is
   * a bare assignment's value (`V=$(a | b)`) keeps its status, and so is not this.
   */
  statusDiscarded?: boolean;
}

type Word = string;
type Op = { op: string };
type Token = Word | Op;

const SEPARATORS = new Set(['&&', '||', ';', ';;', '&', '|', '|&', '(', ')', '<(']);
const REDIRECTIONS = new Set(['>', '>>', '<', '>&', '<&']);
/** Words that may precede a command in a simple command list without being the command. */
const PREFIX_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
/** Words that close a compound command; alone they are not a command. */
const CLOSING_KEYWORDS = new Set(['fi', 'done', 'esac', '}']);
/** Compound-command headers whose words up to the next separator are not a command (`for x in a b`). */
const HEADER_KEYWORDS = new Set(['for', 'select', 'case', 'function']);
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

/** hadolint's flag split: `-abc` -> a, b, c; `--long=value` -> long. */
export function flagNames(args: readonly string[]): string[] {
  const flags: string[] = [];
  for (const arg of args) {
    if (arg === '-' || arg === '--') continue;
    if (arg.startsWith('--')) flags.push(arg.slice(2).split('=')[0] ?? '');
    else if (arg.startsWith('-')) flags.push(...arg.slice(1).split(''));
  }
  return flags;
}

export function parseShell(script: string): ShellScript {
  const text = stripCommentsAndContinuations(script);
  const commands: ShellCommand[] = [];
  const pipes: ShellPipe[] = [];
  const hasPipe = collectCommands(text, false, commands, pipes);
  return { text, commands, hasPipe, pipes };
}

/**
 * Removes `\`-newline continuations and `#` comments, and turns unquoted newlines into `;` so that
 * shell-quote (which treats a newline as a blank) sees the command boundary. Quoted text is kept as is.
 */
export function stripCommentsAndContinuations(script: string): string {
  let out = '';
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < script.length; i++) {
    const c = script[i] as string;
    if (quote === "'") {
      out += c;
      if (c === "'") quote = undefined;
      continue;
    }
    if (c === '\\') {
      const next = script[i + 1];
      if (next === '\n') {
        i++;
        continue;
      }
      if (next === '\r' && script[i + 2] === '\n') {
        i += 2;
        continue;
      }
      out += c + (next ?? '');
      i++;
      continue;
    }
    if (quote === '"') {
      out += c;
      if (c === '"') quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      out += c;
      continue;
    }
    if (c === '#') {
      if (out.length === 0 || /[\s;&|()]/.test(out[out.length - 1] as string)) {
        while (i + 1 < script.length && script[i + 1] !== '\n') i++;
        continue;
      }
      // Mid-word `#` is literal in sh (`pkg.git#v1`); shell-quote would read it as a comment.
      out += '\\#';
      continue;
    }
    if (c === '\n') {
      // After an operator the command goes on (`a &&` newline `b`); elsewhere a newline ends it. Keywords
      // such as `then` or `do` before a newline are fine as a segment of their own.
      out += endsWithOperator(out) ? ' ' : ' ; ';
      continue;
    }
    if (c === '\r') continue;
    out += c;
  }
  return out;
}

/**
 * Variables stay as written (`$HOME`), instead of being expanded to '' as shell-quote does by default.
 * An object, not a function: given a function, shell-quote passes every word through one more split
 * (with a RegExp built per word) for the objects a function may return; this one returns strings only.
 */
const VARIABLES_AS_WRITTEN: Record<string, string> = new Proxy({}, { get: (_t, name) => `$${String(name)}` });

/**
 * Whether the text ends with `&&`, `||`, `|` or `(` (blanks after it allowed): looked at from the
 * end, not by a `$`-anchored RegExp, which tries every position of the text so far.
 */
function endsWithOperator(text: string): boolean {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1] as string)) end--;
  const last = text[end - 1];
  return last === '|' || last === '(' || (last === '&' && text[end - 2] === '&');
}

function tokenize(text: string): Token[] {
  const entries = parse(text, VARIABLES_AS_WRITTEN) as ParseEntry[];
  const tokens: Token[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') tokens.push(entry);
    else if ('comment' in entry) continue;
    else if (entry.op === 'glob') tokens.push((entry as { pattern: string }).pattern);
    else tokens.push({ op: entry.op });
  }
  return tokens;
}

/** Adds the commands of `text` to `into` and its pipes to `pipes`; returns whether a pipe was seen. */
function collectCommands(text: string, nested: boolean, into: ShellCommand[], pipes: ShellPipe[]): boolean {
  const tokens = tokenize(text);
  let hasPipe = false;
  let words: string[] = [];
  let pipedIn = false;
  // `case x in a|b) cmd ;; esac`: the words before an unmatched `)` are a pattern, not a command.
  let caseDepth = 0;
  let parens = 0;
  // Per open `(`: whether the shell discards the exit status of what runs inside it (see ShellPipe).
  const discards: boolean[] = [];
  let substitution: boolean | undefined;
  let open: ShellPipe | undefined;
  const flush = (pipedOut: boolean) => {
    const first = words.find((w) => !PREFIX_KEYWORDS.has(w));
    if (first === 'case') caseDepth++;
    else if (first === 'esac' && caseDepth > 0) caseDepth--;
    const command = toCommand(words, pipedIn || pipedOut, nested);
    words = [];
    // The command after a `|` reads it (none when a compound command follows); this one may write the next.
    if (open) open.reader = command;
    open = pipedOut
      ? { writer: command, ...(discards.includes(true) ? { statusDiscarded: true } : {}) }
      : undefined;
    if (open) pipes.push(open);
    if (!command) return;
    into.push(command);
    const inner = shellCScript(command);
    if (inner !== undefined) hasPipe = collectCommands(inner, true, into, pipes) || hasPipe;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (typeof token === 'string') {
      // `$(` arrives as the word `$` followed by `(`: a command substitution, read like a subshell.
      const next = tokens[i + 1];
      if (token.endsWith('$') && typeof next === 'object' && next.op === '(') {
        substitution = substitutionDiscarded(words, token);
        if (token === '$') continue;
      }
      words.push(token);
      continue;
    }
    if (REDIRECTIONS.has(token.op)) {
      // `2>/dev/null` arrives as `2`, `>`, `/dev/null`: the fd number and the target are not arguments.
      const last = words[words.length - 1];
      if (last !== undefined && /^\d$/.test(last) && words.length > 1) words.pop();
      if (typeof tokens[i + 1] === 'string') i++;
      continue;
    }
    if (SEPARATORS.has(token.op)) {
      // `a|b)` is a case pattern, also the first one, whose `case x in` is not flushed yet.
      const inCase =
        (caseDepth > 0 && parens === 0) ||
        (words.find((w) => !PREFIX_KEYWORDS.has(w)) === 'case' && words.includes('in'));
      if (inCase && token.op === '|' && nextOperator(tokens, i + 1) === ')') continue;
      if (token.op === '(' || token.op === '<(') {
        parens++;
        discards.push(token.op === '<(' || (substitution ?? false));
      }
      substitution = undefined;
      if (token.op === ')') {
        if (parens > 0) {
          parens--;
          discards.pop();
        } else if (caseDepth > 0) {
          words = [];
          continue;
        }
      }
      const isPipe = token.op === '|' || token.op === '|&';
      if (isPipe) hasPipe = true;
      flush(isPipe);
      pipedIn = isPipe;
      continue;
    }
  }
  flush(false);
  return hasPipe;
}

/**
 * Whether the `$(` that `token` ends (`$`, `V=$`, `--password=$`) opens a substitution whose status the
 * shell discards: it is an argument of a command (or a `for` list). A bare assignment's value keeps it.
 */
function substitutionDiscarded(words: readonly string[], token: string): boolean {
  const prefix = token.slice(0, -1);
  return [...words, ...(prefix ? [prefix] : [])].some((w) => !PREFIX_KEYWORDS.has(w) && !ASSIGNMENT.test(w));
}

function nextOperator(tokens: Token[], from: number): string | undefined {
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i];
    if (typeof token === 'object') return token.op;
  }
  return undefined;
}

function toCommand(words: string[], piped: boolean, nested: boolean): ShellCommand | undefined {
  let start = 0;
  while (start < words.length && PREFIX_KEYWORDS.has(words[start] as string)) start++;
  if (start < words.length && HEADER_KEYWORDS.has(words[start] as string)) return undefined;
  const assignments: string[] = [];
  while (start < words.length && ASSIGNMENT.test(words[start] as string))
    assignments.push(words[start++] as string);
  const rest = words.slice(start);
  const name = rest[0];
  if (name === undefined || CLOSING_KEYWORDS.has(name)) return undefined;
  const args = rest.slice(1);
  return { name, args, flags: flagNames(args), assignments, piped, nested };
}

/** The script string of `sh -c 'script'` (also `bash -ec ...`), or undefined when it is not one. */
function shellCScript(command: ShellCommand): string | undefined {
  if (!SHELLS.has(basename(command.name))) return undefined;
  for (let i = 0; i < command.args.length; i++) {
    const arg = command.args[i] as string;
    if (arg.startsWith('-') && !arg.startsWith('--') && arg.slice(1).includes('c'))
      return command.args[i + 1];
    if (!arg.startsWith('-')) return undefined;
  }
  return undefined;
}

export function basename(program: string): string {
  const slash = program.lastIndexOf('/');
  return slash === -1 ? program : program.slice(slash + 1);
}
