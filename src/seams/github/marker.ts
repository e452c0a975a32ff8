/**
 * The hidden marker that makes the PR comment sticky. It is keyed by the Dockerfile path and the
 * `target` input (as the user wrote it, empty for the default), so several stagegate steps in one
 * workflow (a monorepo) keep separate comments, and a run whose Dockerfile fails to parse still
 * updates the same comment as the runs before it.
 */

function normalizePath(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/{2,}/g, '/');
}

/**
 * `<!-- stagegate:examples/hello/Dockerfile:runtime -->`. Whitespace, `%`, `<`, `>` and `--` are
 * percent-encoded, so a hostile path cannot end the HTML comment early and show up as markup.
 */
export function commentMarker(dockerfile: string, target: string | undefined): string {
  let key = `${normalizePath(dockerfile)}:${target ?? ''}`.replace(/[%<>\s]/g, (c) => encodeURIComponent(c));
  while (key.includes('--')) key = key.replace(/--/g, '-%2D');
  return `<!-- stagegate:${key} -->`;
}

/** Whether a comment body is the one stagegate posted for this marker (the marker opens the body). */
export function hasMarker(body: string | null | undefined, marker: string): boolean {
  return typeof body === 'string' && body.startsWith(marker);
}

/** The body as posted: marker first (so a reply quoting the comment never matches), then the report. */
export function withMarker(marker: string, markdown: string): string {
  return `${marker}\n${markdown}`;
}
