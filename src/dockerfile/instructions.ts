/**
 * The typed Dockerfile model: every instruction read once from dockerfile-ast into plain data
 * (keyword, lines, stage, flags, mounts, exec form or shell script, COPY/ADD paths, FROM parts and the
 * variables in scope). Rules read these records, never the AST: dockerfile-ast recomputes its
 * getters on every call, and each rule family used to re-derive the same facts its own way.
 *
 * Built once per parse (see load.ts); pure: AST and build-args in, records out. Each instruction's
 * arguments are scanned by dockerfile-ast once (`getArguments`; its `getFlags` keeps its own answer,
 * and an instruction with a `$` is scanned once more for its variables); the argument texts and the
 * variables are read from the file text (argument-text.ts) rather than asked of dockerfile-ast's
 * getters, which scan again on every call. No record holds an AST node: once the model is built, the
 * AST is not needed. The only lazy part is the parsed shell script (tokenising every RUN costs more
 * than most rules need), computed on first read and kept.
 */
import type { Argument, Dockerfile, Flag, Instruction, Property } from 'dockerfile-ast';
import type { BuildArg } from '../inputs.js';
// The shell command model lives with the shell rules (rules/shell); it depends on nothing of ours.
import { execFormWords, scriptTextOf } from '../rules/shell/run-script.js';
import { parseShell, type ShellScript } from '../rules/shell/script.js';
import { joinedArguments, lineAt, lineStartsOf, variablesInWord } from './argument-text.js';
import { BUILDKIT_AUTOMATIC_ARGS, substitute, type Scope } from './substitute.js';

/** One `--name=value` flag of an instruction. `name` is lower-cased; `value` null for `--link` alone. */
export interface InstructionFlag {
  name: string;
  value: string | null;
  /** 1-based line the flag is on. */
  line: number;
}

/** One `RUN --mount=...`: its type (default `bind`, as in BuildKit) and options. */
export interface Mount {
  type: string;
  /** `target`, `dst` or `destination`. */
  target?: string;
  id?: string;
  from?: string;
  /** `source` or `src`. */
  source?: string;
  /** Every option as written, lower-cased names (`readonly`, `sharing`, `mode`...); valueless ones are ''. */
  options: Readonly<Record<string, string>>;
  line: number;
}

/** A variable in scope at an instruction (BuildKit's scoping). */
export interface VariableDef {
  name: string;
  /** The value in effect (build-arg override, default, or inherited); undefined for `ARG X` unset. */
  value?: string;
  kind: 'arg' | 'env';
  /** 1-based line of the ARG/ENV that set it (0 for an automatic platform ARG). */
  line: number;
}

/**
 * A `$NAME` or `${NAME...}` written in an instruction, as dockerfile-ast finds them in the arguments
 * (flags and heredoc bodies included, each marked).
 */
export interface VariableUse {
  name: string;
  /** Written with a modifier (`${NAME:-word}`, `${NAME:+word}`, `${NAME?}`): it handles the unset case. */
  guarded: boolean;
  /** 1-based line. */
  line: number;
  /** Lower-cased name of the flag it is written in (`--from=$STAGE` -> from). */
  flag?: string;
  /** Index in `properties` of the ARG/ENV/LABEL property it is written in. */
  property?: number;
  /** In a heredoc body, below the instruction's own lines. */
  heredocBody: boolean;
}

/**
 * A line dockerfile-ast reads as a comment: `#` lines between and inside instructions, and the
 * leading `# name=value` lines it takes for parser directives, with its reading of name and value.
 * It takes more lines for directives than BuildKit does (`# hadolint global ignore=DL3006` on the
 * first line is one); `InstructionModel.directives` is BuildKit's reading.
 */
export interface CommentLine {
  /** 1-based. */
  line: number;
  directive?: { name: string; value: string };
}

/** `FROM [--platform=p] image[:tag][@digest] [AS alias]`. */
export interface FromParts {
  /** Image (or stage) as written. */
  imageRaw: string;
  /** After global-ARG substitution (unknown variables stay as written). */
  image: string;
  /** Repository part of `image` (no tag, no digest), as written (case kept). */
  repository: string;
  tag?: string;
  digest?: string;
  alias?: string;
  /** `--platform` as written, and expanded. */
  platformRaw?: string;
  platform?: string;
}

/** `COPY`/`ADD` sources and destination. */
export interface CopyParts {
  /** Source words, quotes removed (variables unexpanded); empty for heredocs. */
  sources: string[];
  /** Destination as written, quotes removed; '' when missing. */
  dest: string;
  /** `--from` as written, and expanded in the stage's ARG scope. */
  fromRaw?: string;
  from?: string;
  chmod?: string;
  chown?: string;
  checksum?: string;
  link: boolean;
  /** True for `COPY <<EOF /dst` (sources are inline). */
  heredoc: boolean;
}

/** Name and value of an ARG/ENV/LABEL property; value undefined when none is written (`ARG X`). */
export interface PropertyParts {
  name: string;
  value?: string;
  /** True for the legacy `ENV NAME value` form (no `=`, a value given). */
  legacy?: boolean;
}

export interface DockerInstruction {
  /** Position in the file's instruction list (ONBUILD triggers share their ONBUILD's). */
  index: number;
  /** Upper-case keyword; for `ONBUILD RUN x` it is `RUN` (see `onbuild`). */
  keyword: string;
  /** Keyword exactly as written (`from`, `Run`), for the casing checks. */
  keywordRaw: string;
  /** True for the trigger of an ONBUILD: lines and text are the ONBUILD's. */
  onbuild: boolean;
  /** For a trigger, the `ONBUILD` keyword as written (`onbuild`), for the casing checks. */
  onbuildKeywordRaw?: string;
  /** 1-based first and last lines (continuations and heredocs included). */
  line: number;
  endLine: number;
  /** Index of the stage; -1 for global ARGs before the first FROM. */
  stage: number;
  flags: InstructionFlag[];
  mounts: Mount[];
  /** The arguments after the flags, continuations joined, quotes kept. */
  argsText: string;
  /** The arguments after the flags exactly as written (newlines, comments, heredoc bodies). */
  rawArgsText: string;
  /** 1-based line the arguments start on (`RUN \` puts them on the next); `line` when there are none. */
  argsLine: number;
  /** Argument words split as a shell splits them (a quoted part joins its neighbours), quotes kept. */
  words: string[];
  /** The JSON array, when the arguments are one of strings (BuildKit's exec form). */
  exec?: string[];
  /**
   * For RUN, CMD, ENTRYPOINT and `HEALTHCHECK CMD` in shell form (and RUN in exec form, words joined
   * as hadolint does): the script text and its parsed commands.
   */
  scriptText?: string;
  readonly script?: ShellScript;
  /** `HEALTHCHECK NONE` / `HEALTHCHECK CMD ...`. */
  healthcheck?: 'none' | 'cmd';
  from?: FromParts;
  copy?: CopyParts;
  /** ARG, ENV and LABEL name/value pairs. */
  properties?: PropertyParts[];
  /** Variables in scope before this instruction runs (BuildKit's scoping; see `scopeOf`). */
  vars: ReadonlyMap<string, VariableDef>;
  /**
   * The variables written in it, for the instructions BuildKit expands itself; empty for RUN, CMD,
   * ENTRYPOINT, SHELL and HEALTHCHECK, whose variables are the shell's.
   */
  variables: VariableUse[];
}

/** The typed list, in file order. */
export interface InstructionModel {
  instructions: DockerInstruction[];
  escapeChar: string;
  /** The `# syntax=`/`# check=`/`# escape=` directives and their 1-based lines. */
  directives: Array<{ name: string; value: string; line: number }>;
  /** Every comment line, in file order (see `CommentLine`). */
  comments: CommentLine[];
}

/** The variables of `vars` as a name -> value scope, for `substitute` and `expandWord`. */
export function scopeOf(vars: ReadonlyMap<string, VariableDef>): Map<string, string | undefined> {
  return new Map([...vars.values()].map((v) => [v.name, v.value]));
}

/** `text` with the variables in scope at `ins` expanded (unknown ones left as written). */
export function expandAt(ins: DockerInstruction, text: string, escapeChar = '\\'): string {
  return text.includes('$') ? substitute(text, scopeOf(ins.vars), escapeChar) : text;
}

/** One shell word: runs of double-quoted, single-quoted and unquoted non-blank characters. */
const SHELL_WORD = /(?:"(?:[^"\\]|\\.)*"?|'[^']*'?|\\.|[^\s"'\\]|\\)+/g;

/** Words of `text` split as a shell splits them, quotes kept (`"$APP"/bin` is one word). */
export function shellWords(text: string): string[] {
  return text.match(SHELL_WORD) ?? [];
}

/** A shell word's value: its quotes removed (`"$APP"/bin` -> `$APP/bin`), variables left as written. */
export function wordValue(word: string): string {
  return word.replace(
    /"((?:[^"\\]|\\.)*)"?|'([^']*)'?/g,
    (_m, dq: string | undefined, sq: string | undefined) => sq ?? (dq ?? '').replace(/\\(["\\$`])/g, '$1'),
  );
}

const SCRIPTED = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

function flagsOf(node: Instruction): Flag[] {
  const withFlags = node as Instruction & { getFlags?: () => Flag[] };
  return typeof withFlags.getFlags === 'function' ? withFlags.getFlags() : [];
}

function mountOf(flag: Flag): Mount {
  const options: Record<string, string> = {};
  for (const o of flag.getOptions()) options[o.getName().toLowerCase()] = o.getValue() ?? '';
  const mount: Mount = { type: options.type || 'bind', options, line: flag.getRange().start.line + 1 };
  const target = options.target ?? options.dst ?? options.destination;
  const source = options.source ?? options.src;
  if (target !== undefined) mount.target = target;
  if (source !== undefined) mount.source = source;
  if (options.id !== undefined) mount.id = options.id;
  if (options.from !== undefined) mount.from = options.from;
  return mount;
}

/** `name[:tag][@digest]` split; a `:` in a registry host is not a tag. */
export function splitImage(image: string): { repository: string; tag?: string; digest?: string } {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return {
    repository: rest,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

function fromParts(words: string[], flags: InstructionFlag[], globals: Scope, escape: string): FromParts {
  const imageRaw = wordValue(words[0] ?? '');
  const image = imageRaw.includes('$') ? substitute(imageRaw, globals, escape) : imageRaw;
  const parts: FromParts = { imageRaw, image, ...splitImage(image) };
  if (words.length >= 3 && words[1]?.toLowerCase() === 'as') parts.alias = wordValue(words[2] as string);
  const platform = flags.find((f) => f.name === 'platform')?.value ?? undefined;
  if (platform !== undefined) {
    parts.platformRaw = platform;
    parts.platform = platform.includes('$') ? substitute(platform, globals, escape) : platform;
  }
  return parts;
}

function copyParts(
  words: string[],
  firstLine: string,
  exec: string[] | undefined,
  flags: InstructionFlag[],
  scope: Scope,
  escape: string,
): CopyParts {
  const flag = (name: string) => flags.find((f) => f.name === name);
  const heredoc = exec === undefined && words.some((w) => w.startsWith('<<'));
  // A heredoc's body follows its first line; the destination is that line's last word.
  const lineWords = heredoc ? shellWords(firstLine).filter((w) => !w.startsWith('<<')) : words;
  const values = exec ?? lineWords.map(wordValue);
  const sources = heredoc ? [] : values.slice(0, -1);
  const parts: CopyParts = {
    sources,
    dest: values.length >= (heredoc ? 1 : 2) ? (values[values.length - 1] as string) : '',
    link: flag('link') !== undefined && flag('link')?.value !== 'false',
    heredoc,
  };
  const from = flag('from')?.value;
  if (from) {
    parts.fromRaw = from;
    parts.from = from.includes('$') ? substitute(from, scope, escape) : from;
  }
  for (const name of ['chmod', 'chown', 'checksum'] as const) {
    const value = flag(name)?.value;
    if (value !== undefined && value !== null) parts[name] = value;
  }
  return parts;
}

function propertiesOf(node: Instruction, properties: Property[] | undefined): PropertyParts[] | undefined {
  if (properties)
    return properties.map((p) => ({
      name: p.getName(),
      ...optionalValue(p.getValue()),
      ...(p.getAssignmentOperator() === null && p.getValue() !== null ? { legacy: true } : {}),
    }));
  const withProperty = node as Instruction & { getProperty?: () => Property | null };
  if (typeof withProperty.getProperty === 'function') {
    const p = withProperty.getProperty();
    return p ? [{ name: p.getName(), ...optionalValue(p.getValue()) }] : [];
  }
  return undefined;
}

const optionalValue = (v: string | null): { value?: string } => (v === null ? {} : { value: v });

/** dockerfile-ast keeps the file's escape character on each instruction, but only as a protected field. */
function escapeOfNode(node: Instruction, fallback: string): string {
  const escape = (node as unknown as { escapeChar?: unknown }).escapeChar;
  return typeof escape === 'string' && escape.length === 1 ? escape : fallback;
}

/** The file as dockerfile-ast's positions address it, and its lines as the rules split them. */
interface Source {
  text: string;
  /** Offset of each line's start; lines end at `\r\n`, `\r` or `\n`, as in dockerfile-ast's document. */
  lineStarts: number[];
  /** `text.split(/\r?\n/)`. */
  lines: string[];
  /** The file's escape character. */
  escape: string;
}

type Position = { line: number; character: number };
type Range = { start: Position; end: Position };

const offsetOf = (src: Source, p: Position): number =>
  (src.lineStarts[p.line] ?? src.text.length) + p.character;

/** A range as offsets into the file, both ends included (as dockerfile-ast's `isInsideRange`). */
const spanOf = (src: Source, r: Range): [number, number] => [offsetOf(src, r.start), offsetOf(src, r.end)];
const inSpan = (span: readonly [number, number], at: number): boolean => span[0] <= at && at <= span[1];

/** The arguments after the flags: as written, joined as dockerfile-ast joins them, and their first line. */
function argumentTexts(
  node: Instruction,
  args: Argument[],
  src: Source,
  escape: string,
): { argsText: string; rawArgsText: string; argsLine: number } {
  const first = args[0]?.getRange().start;
  const last = args[args.length - 1]?.getRange().end;
  if (first === undefined || last === undefined)
    return { argsText: '', rawArgsText: '', argsLine: node.getRange().start.line + 1 };
  const rawArgsText = src.text.slice(offsetOf(src, first), offsetOf(src, last));
  const argsText = first.line === last.line ? rawArgsText : joinedArguments(rawArgsText, escape);
  return { argsText, rawArgsText, argsLine: first.line + 1 };
}

/** Keywords whose variables the shell expands, not BuildKit. */
const SHELL_EXPANDED = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'HEALTHCHECK']);

/** Last 0-based line of the instruction itself, before any heredoc body. */
function headerEndLine(range: Range, src: Source): number {
  let n = range.start.line;
  while (n < range.end.line) {
    const line = src.lines[n] ?? '';
    if (!line.trimEnd().endsWith(src.escape) && !(n > range.start.line && line.trimStart().startsWith('#')))
      break;
    n++;
  }
  return n;
}

/** LABEL values in single quotes, which dockerfile-ast takes as literal: no variables in them. */
function literalValues(properties: Property[] | undefined, src: Source): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const p of properties ?? []) {
    const value = p.getUnescapedValue();
    const range = p.getValueRange();
    if (range && value !== null && value.length > 2 && value.startsWith("'") && value.endsWith("'"))
      spans.push(spanOf(src, range));
  }
  return spans;
}

/** The variables of an instruction as dockerfile-ast's `getVariables` finds them, marked where they are. */
function variablesOf(
  node: Instruction,
  rawArguments: readonly Argument[],
  flags: Flag[],
  properties: Property[] | undefined,
  src: Source,
): VariableUse[] {
  const range = node.getRange();
  // No `$` in its lines, no variable: the arguments need not be scanned again to say so.
  const text = src.text.slice(src.lineStarts[range.start.line], src.lineStarts[range.end.line + 1]);
  if (!text.includes('$')) return [];
  const headerEnd = headerEndLine(range, src);
  const escape = escapeOfNode(node, src.escape);
  const flagSpans = flags.map((f) => ({ name: f.getName().toLowerCase(), span: spanOf(src, f.getRange()) }));
  const propertySpans = (properties ?? []).map((p) => spanOf(src, p.getRange()));
  const literal = node.getKeyword() === 'LABEL' ? literalValues(properties, src) : [];
  const uses: VariableUse[] = [];
  // Every argument word, flags included: dockerfile-ast's raw arguments.
  for (const word of rawArguments) {
    const [start, end] = spanOf(src, word.getRange());
    for (const v of variablesInWord(src.text.slice(start, end), escape)) {
      const at = start + v.at;
      if (literal.some((l) => inSpan(l, at))) continue;
      const line = lineAt(src.lineStarts, at);
      const use: VariableUse = {
        name: v.name,
        guarded: v.guarded,
        line: line + 1,
        heredocBody: line > headerEnd,
      };
      const flag = flagSpans.find((f) => inSpan(f.span, at));
      if (flag) use.flag = flag.name;
      const property = propertySpans.findIndex((p) => inSpan(p, at));
      if (property !== -1) use.property = property;
      uses.push(use);
    }
  }
  return uses;
}

interface Where {
  index: number;
  stage: number;
  line: number;
  endLine: number;
  onbuild: boolean;
  vars: ReadonlyMap<string, VariableDef>;
  globals: Scope;
}

function propertyNodesOf(node: Instruction): Property[] | undefined {
  const withProps = node as Instruction & { getProperties?: () => Property[] };
  return typeof withProps.getProperties === 'function' ? withProps.getProperties() : undefined;
}

/**
 * The instruction's words as dockerfile-ast scans them, flags included (its private `getRawArguments`),
 * and its flags: one scan, where `getArguments` (flags dropped) and `getRawArguments` scan each again.
 */
function scanArguments(node: Instruction): { raw: Argument[]; flagNodes: Flag[]; args: Argument[] } {
  const raw = (node as unknown as { getRawArguments(): Argument[] }).getRawArguments();
  const flagNodes = flagsOf(node);
  // ModifiableInstruction.getArguments is the raw words with one shifted off per flag.
  return { raw, flagNodes, args: flagNodes.length === 0 ? raw : raw.slice(flagNodes.length) };
}

/** One instruction (or ONBUILD trigger) as typed data. */
function describe(node: Instruction, where: Where, src: Source): DockerInstruction {
  const escape = escapeOfNode(node, src.escape);
  const keywordRaw = node.getInstruction();
  const keyword = keywordRaw.toUpperCase();
  const { raw, flagNodes, args } = scanArguments(node);
  const flags: InstructionFlag[] = flagNodes.map((f) => ({
    name: f.getName().toLowerCase(),
    value: f.getValue(),
    line: f.getRange().start.line + 1,
  }));
  const mounts = flagNodes.filter((f) => f.getName().toLowerCase() === 'mount').map(mountOf);
  const { argsText, rawArgsText, argsLine } = argumentTexts(node, args, src, escape);
  const words = shellWords(argsText);
  const exec = execFormWords(argsText);
  const propertyNodes = propertyNodesOf(node);
  const health = keyword === 'HEALTHCHECK' ? healthcheckOf(words, rawArgsText) : undefined;
  const execForm = health?.kind === 'cmd' ? health.exec : exec;
  // Built field by field, in one order, none deleted later: records keep one shape (spreading `where`
  // copied it through V8's slow generic path, and `delete` would make each a slow dictionary object).
  const ins: DockerInstruction = {
    index: where.index,
    line: where.line,
    endLine: where.endLine,
    onbuild: where.onbuild,
    stage: where.stage,
    vars: where.vars,
    keyword,
    keywordRaw,
    flags,
    mounts,
    argsText,
    rawArgsText,
    argsLine,
    words,
    variables: [],
  };
  if (execForm) ins.exec = execForm;
  if (health?.kind) ins.healthcheck = health.kind;
  if (!SHELL_EXPANDED.has(keyword)) ins.variables = variablesOf(node, raw, flagNodes, propertyNodes, src);
  const scriptSource = SCRIPTED.has(keyword) ? rawArgsText : health?.script;
  if (scriptSource !== undefined) addScript(ins, scriptSource, escape);
  if (keyword === 'FROM') ins.from = fromParts(words, flags, where.globals, escape);
  if (keyword === 'COPY' || keyword === 'ADD')
    ins.copy = copyParts(words, firstLine(rawArgsText), exec, flags, scopeOf(where.vars), escape);
  if (keyword === 'ARG' || keyword === 'ENV' || keyword === 'LABEL')
    ins.properties = propertiesOf(node, propertyNodes) ?? [];
  return ins;
}

/** The first line of a text (`text.split(/\r?\n/)[0]`) without splitting the rest. */
function firstLine(text: string): string {
  const newline = text.indexOf('\n');
  if (newline === -1) return text;
  return text.slice(0, text[newline - 1] === '\r' ? newline - 1 : newline);
}

/** `HEALTHCHECK NONE` / `HEALTHCHECK [--flags] CMD ...`: which, and the CMD's exec form or script. */
function healthcheckOf(
  words: string[],
  rawArgsText: string,
): { kind?: 'none' | 'cmd'; exec?: string[]; script?: string } {
  const sub = words.find((w) => !w.startsWith('--'))?.toUpperCase();
  if (sub === 'NONE') return { kind: 'none' };
  if (sub !== 'CMD') return {};
  const script = rawArgsText.replace(/^[\s\S]*?\bCMD\b\s*/i, '');
  const exec = execFormWords(script);
  return { kind: 'cmd', script, ...(exec ? { exec } : {}) };
}

/** The script of a RUN, CMD, ENTRYPOINT or `HEALTHCHECK CMD`, its commands parsed on first read. */
function addScript(ins: DockerInstruction, scriptSource: string, escape: string): void {
  const text = scriptTextOf(ins.keyword === 'HEALTHCHECK' ? 'CMD' : ins.keyword, scriptSource, escape);
  if (text === undefined) return;
  ins.scriptText = text;
  let parsed: ShellScript | undefined;
  Object.defineProperty(ins, 'script', {
    enumerable: true,
    get: () => (parsed ??= parseShell(text)),
  });
}

/** Tracks variables per stage as BuildKit scopes them; see `buildInstructionModel`. */
class VariableScopes {
  /** Global ARGs (before the first FROM), override applied: what FROM lines see. */
  readonly globals = new Map<string, VariableDef>();
  /** ENV each stage ends with, for stages built FROM it. */
  private readonly stageEnv: Array<Map<string, VariableDef>> = [];
  private readonly stageNames: Array<string | undefined> = [];
  current: ReadonlyMap<string, VariableDef> = new Map();

  constructor(
    private readonly overrides: ReadonlyMap<string, string>,
    private readonly escape: string,
  ) {}

  /** A new stage starts: ENV comes from a parent stage it is built FROM, ARGs do not carry over. */
  enterStage(image: string, alias: string | undefined): void {
    const parent = this.stageNames.findIndex((n) => n !== undefined && n === image.toLowerCase());
    const inherited = parent === -1 ? new Map<string, VariableDef>() : new Map(this.stageEnv[parent]);
    this.stageNames.push(alias?.toLowerCase());
    // Kept apart from `current`: instructions hold `current` as their `vars`, which must not change.
    this.stageEnv.push(new Map(inherited));
    this.current = inherited;
  }

  /** Applies an ARG or ENV (after the instruction's own `vars` were taken). */
  apply(ins: DockerInstruction): void {
    if (ins.onbuild || (ins.keyword !== 'ARG' && ins.keyword !== 'ENV')) return;
    const inStage = ins.stage >= 0;
    const next = new Map(inStage ? this.current : this.globals);
    const scope = scopeOf(next);
    for (const p of ins.properties ?? []) {
      const def = this.define(ins, p, scope, inStage);
      if (def === undefined) continue;
      next.set(p.name, def);
      scope.set(p.name, def.value);
    }
    if (!inStage) {
      for (const [k, v] of next) this.globals.set(k, v);
      return;
    }
    this.current = next;
    const env = this.stageEnv[ins.stage];
    if (ins.keyword === 'ENV' && env)
      for (const p of ins.properties ?? []) env.set(p.name, next.get(p.name) as VariableDef);
  }

  private define(
    ins: DockerInstruction,
    p: PropertyParts,
    scope: Scope,
    inStage: boolean,
  ): VariableDef | undefined {
    const expanded = p.value === undefined ? undefined : substitute(p.value, scope, this.escape);
    if (ins.keyword === 'ENV') return { name: p.name, value: expanded ?? '', kind: 'env', line: ins.line };
    // `ARG X` in a stage takes the global value; `ARG TARGETARCH` only brings the automatic one in.
    let value = this.overrides.has(p.name) ? this.overrides.get(p.name) : expanded;
    if (value === undefined && inStage) value = this.globals.get(p.name)?.value;
    if (value === undefined && BUILDKIT_AUTOMATIC_ARGS.has(p.name) && inStage) return undefined;
    return { name: p.name, ...(value !== undefined ? { value } : {}), kind: 'arg', line: ins.line };
  }
}

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*?)\s*$/;

/** Parser directives: leading `# name=value` comment lines (of the file's lines), stopping at the first other line. */
function directivesOf(lines: readonly string[]): InstructionModel['directives'] {
  const out: InstructionModel['directives'] = [];
  for (const [i, line] of lines.entries()) {
    const m = DIRECTIVE.exec(line);
    if (!m) break;
    out.push({ name: (m[1] as string).toLowerCase(), value: m[2] as string, line: i + 1 });
  }
  return out;
}

/**
 * Reads every instruction of `ast` into typed records. Variables follow BuildKit: global ARGs (before
 * the first FROM) are seen by FROM lines only, unless a stage declares them again (`ARG X` then takes
 * the global value); a build-arg overrides an ARG's default; ENV is inherited by stages built FROM the
 * stage; ARGs are not.
 */
export function buildInstructionModel(
  ast: Dockerfile,
  text: string,
  buildArgs: BuildArg[] = [],
): InstructionModel {
  const escapeChar = ast.getEscapeCharacter();
  const src: Source = {
    text,
    lineStarts: lineStartsOf(text),
    lines: text.split(/\r?\n/),
    escape: escapeChar,
  };
  const scopes = new VariableScopes(new Map(buildArgs.map((a) => [a.name, a.value])), escapeChar);
  const instructions: DockerInstruction[] = [];
  let stage = -1;
  for (const [index, node] of ast.getInstructions().entries()) {
    const keyword = node.getKeyword();
    const range = node.getRange();
    const line = range.start.line + 1;
    const endLine = range.end.line + 1;
    if (keyword === 'FROM') {
      stage++;
      const globals = scopeOf(scopes.globals);
      const where: Where = { index, stage, line, endLine, onbuild: false, vars: scopes.globals, globals };
      const from = describe(node, where, src);
      from.vars = new Map(scopes.globals);
      scopes.enterStage(from.from?.image ?? '', from.from?.alias);
      instructions.push(from);
      continue;
    }
    const vars = stage === -1 ? new Map(scopes.globals) : scopes.current;
    const trigger =
      keyword === 'ONBUILD'
        ? (node as Instruction & { getTriggerInstruction?(): Instruction | null }).getTriggerInstruction?.()
        : undefined;
    const where: Where = { index, stage, line, endLine, onbuild: !!trigger, vars, globals: NO_SCOPE };
    const ins = describe(trigger ?? node, where, src);
    if (trigger) ins.onbuildKeywordRaw = node.getInstruction();
    instructions.push(ins);
    scopes.apply(ins);
  }
  return { instructions, escapeChar, directives: directivesOf(src.lines), comments: commentsOf(ast) };
}

/** Only FROM reads the global scope (`Where.globals`); the others get this empty one. */
const NO_SCOPE: Scope = new Map();

function commentsOf(ast: Dockerfile): CommentLine[] {
  const directives: CommentLine[] = ast.getDirectives().map((d) => ({
    line: d.getRange().start.line + 1,
    directive: { name: d.getName(), value: d.getValue() },
  }));
  const comments: CommentLine[] = ast.getComments().map((c) => ({ line: c.getRange().start.line + 1 }));
  return [...directives, ...comments].sort((a, b) => a.line - b.line);
}

/** The instructions of one stage (FROM first), or the global ARGs for stage -1. */
export function instructionsOfStage(model: InstructionModel, stage: number): DockerInstruction[] {
  return model.instructions.filter((i) => i.stage === stage);
}

/** The instructions (ONBUILD triggers included) whose keyword is one of `keywords`. */
export function instructionsNamed(
  list: readonly DockerInstruction[],
  ...keywords: string[]
): DockerInstruction[] {
  return list.filter((i) => keywords.includes(i.keyword));
}
