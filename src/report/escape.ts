/**
 * Escaping for everything a user controls (stage names, paths, image names, log lines, messages):
 * whatever reaches the comment must render as the text it is, never as Markdown structure, HTML, an
 * @-mention that notifies someone, or a fence that closes ours.
 */

/** Joins `@` to the next character invisibly, so `@octocat` still reads as written but notifies nobody. */
const ZERO_WIDTH_JOINER = '\u200d';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
// Control characters other than tab and newline; they can hide text or confuse terminals and parsers.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Strips terminal colour codes and invisible control characters (including bidi overrides). */
export function stripControl(text: string): string {
  return text.replace(ANSI, '').replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/** Cuts a string to `max` characters, saying so with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

function neutralizeMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9_-])/g, `@${ZERO_WIDTH_JOINER}`);
}

const MARKDOWN_SPECIAL: Record<string, string> = {
  '\\': '\\\\',
  '`': '\\`',
  '*': '\\*',
  _: '\\_',
  '[': '\\[',
  ']': '\\]',
  '~': '\\~',
  '|': '\\|',
  '#': '\\#',
  '!': '\\!',
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
};

/**
 * Escapes text for a Markdown paragraph, a table cell, a `<summary>` or link text: one line, no
 * formatting, no HTML, no mentions. Safe inside a table row because `|` is escaped and newlines folded.
 */
export function escapeText(text: string, maxLength = 500): string {
  const oneLine = stripControl(text).replace(/\s*\n\s*/g, ' ');
  const escaped = clip(oneLine, maxLength).replace(/[\\`*_[\]~|#!<>&]/g, (c) => MARKDOWN_SPECIAL[c]);
  return neutralizeMentions(escaped);
}

const HTML_SPECIAL: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for raw HTML context such as `<summary>`: GitHub does not parse Markdown inside an HTML
 * block, so backslash escapes and code spans would show literally there, and only entities work.
 */
export function escapeHtml(text: string, maxLength = 500): string {
  const oneLine = clip(stripControl(text).replace(/\s*\n\s*/g, ' '), maxLength);
  return neutralizeMentions(oneLine.replace(/[&<>"']/g, (c) => HTML_SPECIAL[c]));
}

/** `<code>` with escaped text, for HTML context (`<summary>`). */
export function htmlCode(text: string, maxLength = 200): string {
  return `<code>${escapeHtml(text, maxLength)}</code>`;
}

/**
 * An inline code span holding `text` verbatim. The fence is one backtick longer than any run inside,
 * so the text cannot close it; code spans render neither HTML nor mentions. `|` is escaped for tables
 * (GitHub removes that backslash inside cells, and only there, so use `inTable` accordingly).
 */
export function code(text: string, options: { inTable?: boolean; maxLength?: number } = {}): string {
  let body = clip(stripControl(text).replace(/\s*\n\s*/g, ' '), options.maxLength ?? 200);
  if (body === '') return '';
  if (options.inTable) body = body.replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  // Code spans never notify, but a span that some renderer splits must not turn into a mention either.
  return `${fence}${pad}${neutralizeMentions(body)}${pad}${fence}`;
}

/**
 * A fenced code block holding `lines` verbatim. The fence is longer than any backtick run in the text,
 * so no line can close it early; inside a block nothing is HTML or a mention.
 */
export function codeBlock(
  lines: string[],
  options: { maxLineLength?: number; language?: string } = {},
): string {
  const max = options.maxLineLength ?? 400;
  const clean = lines.map((l) => clip(stripControl(l).replace(/\n/g, ' '), max));
  const longestRun = Math.max(0, ...clean.flatMap((l) => (l.match(/`+/g) ?? []).map((run) => run.length)));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${options.language ?? 'text'}\n${clean.join('\n')}\n${fence}`;
}

/**
 * Table-cell text whose single-backtick spans (as rule messages write them: "USER `app` is not numeric") are
 * shown as code and everything else as escaped text. Every piece goes through `code` or
 * `escapeText`, so a backtick inside user input can only change how the text splits, never escape.
 */
export function richText(text: string, maxLength = 500): string {
  const clipped = clip(stripControl(text).replace(/\s*\n\s*/g, ' '), maxLength);
  const parts = clipped.split(/`([^`]+)`/);
  return parts
    .map((part, i) => (i % 2 === 1 ? code(part, { inTable: true, maxLength }) : escapeText(part, maxLength)))
    .join('');
}

/** An http(s) URL safe to put in `[text](url)`: characters that would end or break the link are encoded. */
export function safeUrl(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  // encodeURIComponent leaves ( ) ' alone, and those end or confuse a Markdown link: percent-encode by hand.
  return url.replace(
    /[\s()<>"'`|\\]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** `[text](url)` with escaped text; plain escaped text when there is no usable URL. */
export function link(text: string, url: string | undefined): string {
  const href = url ? safeUrl(url) : undefined;
  return href ? `[${text}](${href})` : text;
}
