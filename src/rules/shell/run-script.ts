/**
 * The shell script an instruction runs, as text: shell form (with line continuations and the comment
 * lines Docker drops inside them), exec form (`["sh", "-c", "..."]`, words joined with blanks as
 * hadolint does) and heredocs (`RUN <<EOF ... EOF`). The typed model (dockerfile/instructions.ts)
 * takes each instruction's script from here, once; rules read it there.
 */

const SHELL_PROGRAMS = /^(\/(usr\/)?bin\/)?(sh|bash|dash|ash|zsh|ksh)(\s|$)/;
const HEREDOC_MARKER = /<<(-?)(["']?)([A-Za-z0-9_]+)\2/g;

/** `["a", "b"]` -> ['a', 'b']; undefined when the text is not a JSON array of strings (then it is shell form). */
export function execFormWords(raw: string): string[] | undefined {
  const trimmed = raw.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  } catch {
    // Not JSON: Docker runs it in shell form.
  }
  return undefined;
}

/**
 * Joins the instruction's continuation lines the way Docker does before the shell sees them: lines
 * that are comments (first non-blank is `#`) or empty are dropped, and `<escape>` at a line end
 * (trailing blanks allowed) joins the next line. The escape character is `\\` unless the
 * `# escape=` directive changed it (Windows Dockerfiles use a backtick).
 */
function joinContinuations(raw: string, escape: string): string {
  if (!raw.includes('\n')) return raw; // one line: nothing to join or drop
  const lines = raw.split(/\r?\n/);
  const kept = [lines[0] ?? '', ...lines.slice(1).filter((l) => !/^\s*#/.test(l) && l.trim() !== '')];
  return kept.join('\n').replace(continuationOf(escape), '');
}

const continuations = new Map<string, RegExp>();

/** `<escape>` before a newline (blanks between allowed), built once per escape character. */
function continuationOf(escape: string): RegExp {
  let re = continuations.get(escape);
  if (!re) {
    const esc = escape.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
    re = new RegExp(`${esc}[ \\t]*\\n`, 'g');
    continuations.set(escape, re);
  }
  return re;
}

/**
 * For `RUN <<EOF` the heredoc body is the script; for `RUN <<EOF bash` too. For `RUN python3 <<EOF`
 * the body is that program's input, so the command line alone is the script.
 */
function heredocScript(raw: string): string | undefined {
  if (!raw.includes('<<')) return undefined;
  const lines = raw.split(/\r?\n/);
  const first = lines[0] ?? '';
  const markers = [...first.matchAll(HEREDOC_MARKER)];
  if (markers.length === 0) return undefined;
  const commandLine = first.replace(HEREDOC_MARKER, '').trim();
  const bodies: string[] = [];
  let index = 1;
  for (const marker of markers) {
    const stripTabs = marker[1] === '-';
    const name = marker[3] as string;
    const body: string[] = [];
    while (index < lines.length) {
      const line = lines[index++] as string;
      if ((stripTabs ? line.replace(/^\t+/, '') : line) === name) break;
      body.push(stripTabs ? line.replace(/^\t+/, '') : line);
    }
    bodies.push(body.join('\n'));
  }
  const rest = lines.slice(index).join('\n');
  if (commandLine === '' || SHELL_PROGRAMS.test(commandLine))
    return [...bodies, rest].filter(Boolean).join('\n');
  return [commandLine, rest].filter(Boolean).join('\n');
}

/**
 * The script a RUN executes (shell form, heredoc, or exec form words joined with blanks as hadolint
 * does); for CMD/ENTRYPOINT/HEALTHCHECK CMD only in shell form (exec form runs no shell).
 */
export function scriptTextOf(keyword: string, raw: string, escape: string): string | undefined {
  if (keyword === 'RUN') {
    const heredoc = heredocScript(raw);
    if (heredoc !== undefined) return heredoc;
    const exec = execFormWords(raw);
    if (exec) return exec.join(' ');
    return joinContinuations(raw, escape);
  }
  if (execFormWords(raw)) return undefined;
  return joinContinuations(raw, escape);
}
