/**
 * Secrets out of everything stagegate writes. Pure: the secret values in, a redactor out.
 *
 * The runner's `::add-mask::` hides a value in the log only; the comment, the job summary, the
 * outputs, the JSON report (uploaded as an artifact in the fork pattern), SARIF and the base reports
 * kept in the Actions cache are stagegate's own to clean. BuildKit shows RUN steps with build args
 * expanded and image history records them (`RUN |2 NPM_TOKEN=... /bin/sh -c ...`), so step names,
 * log tails, failure messages and layers' `createdBy` can all carry a value.
 *
 * Rules (docs/security.md#secrets):
 * - a value of at least MIN_SUBSTRING_LENGTH characters is replaced wherever it occurs, as given,
 *   URL-encoded, and line by line for a multi-line value (a log shows a key's lines one per line);
 * - `NAME=value` where NAME looks secret (SECRET_NAME) has its value replaced whatever it is, so a
 *   short value, or one that never came from stagegate's inputs (image history of a base image,
 *   an ENV line), is hidden where it is named;
 * - a shorter value is never replaced on its own: replacing every `a` would wreck the report and
 *   hide nothing (a 3-character secret is guessed, not leaked).
 */

import type { AnnotationProps, Runner } from '../seams/runner.js';

/** Names whose values are secret: build-args masked in the log, `NAME=value` redacted everywhere. */
export const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|PASS|KEY|CREDENTIAL|AUTH)/i;

/** What replaces a secret: the runner's own mask, so a reader knows what happened. */
export const REDACTED = '***';

/** Shorter values are redacted only after their name (`NAME=value`), never as bare substrings. */
export const MIN_SUBSTRING_LENGTH = 4;

export type Redact = (text: string) => string;

/** `NAME=value`, `NAME="a b"` or `NAME='a b'`, NAME not glued to a word before it. */
const ASSIGNMENT = /(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)=("[^"\n]*"|'[^'\n]*'|[^\s"'`,;|&)]*)/g;

/** An empty value, or the marker as written or as Markdown escapes it. */
const ALREADY_REDACTED = /^(|["']?(\\?\*){3}["']?)$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every form a value is searched for: itself, URL-encoded, and each line of a multi-line value. */
function formsOf(value: string): string[] {
  const forms = new Set<string>([value, value.trim()]);
  try {
    forms.add(encodeURIComponent(value));
  } catch {
    // a lone surrogate cannot be URL-encoded; the value itself is still searched for
  }
  for (const line of value.split(/\r?\n/)) forms.add(line.trim());
  return [...forms].filter((f) => f.length >= MIN_SUBSTRING_LENGTH);
}

/** The redactor for a run: every secret value and every secret-looking `NAME=value`. */
export function createRedactor(secretValues: Iterable<string>): Redact {
  const forms = [...new Set([...secretValues].flatMap(formsOf))].sort((a, b) => b.length - a.length);
  const literal = forms.length ? new RegExp(forms.map(escapeRegExp).join('|'), 'g') : undefined;
  return (text) => redactAssignments(literal ? text.replace(literal, REDACTED) : text);
}

/** `NAME=value` with a secret-looking NAME loses its value; `a=B_TOKEN=x` is looked into. */
function redactAssignments(text: string): string {
  return text.replace(ASSIGNMENT, (whole, name: string, value: string) => {
    if (!SECRET_NAME.test(name)) return value.includes('=') ? `${name}=${redactAssignments(value)}` : whole;
    // Already redacted, maybe as Markdown escapes it (`\*\*\*`): redacting is idempotent, so the
    // comment-body output (redacted again by the runner) stays the comment that was posted.
    return ALREADY_REDACTED.test(value) ? whole : `${name}=${REDACTED}`;
  });
}

/** A copy of plain data (the report model, a job's measurements) with every string redacted. */
export function redactDeep<T>(value: T, redact: Redact): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, redact)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redact);
    return out as T;
  }
  return value;
}

/**
 * The runner with every message, output and summary redacted: for what the phases write before
 * publish (build warnings, annotations) and the step's failure message. Inputs and the event pass.
 */
export function redactingRunner(runner: Runner, redact: Redact): Runner {
  const props = (p?: AnnotationProps): AnnotationProps | undefined =>
    p?.title === undefined ? p : { ...p, title: redact(p.title) };
  return {
    ...runner,
    setOutput: (name, value) => runner.setOutput(name, redact(value)),
    debug: (m) => runner.debug(redact(m)),
    info: (m) => runner.info(redact(m)),
    notice: (m, p) => runner.notice(redact(m), props(p)),
    warning: (m, p) => runner.warning(redact(m), props(p)),
    error: (m, p) => runner.error(redact(m), props(p)),
    group: (name, fn) => runner.group(redact(name), fn),
    writeSummary: (markdown) => runner.writeSummary(redact(markdown)),
    setFailed: (m) => runner.setFailed(redact(m)),
  };
}
