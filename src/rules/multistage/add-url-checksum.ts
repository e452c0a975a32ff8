/**
 * `ADD <http(s) url>` without `--checksum`: the file is fetched at build time and nothing checks it is
 * the file the author meant (a moved release, a compromised mirror). BuildKit verifies `ADD
 * --checksum=sha256:<hex> <url>` (Dockerfile 1.6+). A later RUN of the same stage that checks the file
 * itself (`sha256sum -c`, `gpg --verify`, `Get-FileHash`...) verifies it too, and passes.
 */
import type { DockerInstruction } from '../../dockerfile/instructions.js';
import type { Rule, RuleHit } from '../types.js';

const HTTP_URL = /^https?:\/\//i;
/**
 * A git source (`https://github.com/o/r.git#v1.2`, `...?ref=v1.2`): a repository at a ref, not a
 * downloaded file; BuildKit checks its transport and the ref names the commit.
 */
const GIT_URL = /\.git([#?/]|$)|[?&](ref|commit|branch|tag)=/i;
/** Commands that verify a downloaded file's integrity. */
const VERIFIES =
  /\b(sha(1|224|256|384|512)sum|shasum|md5sum|b2sum|gpg2?\s+(--batch\s+)?--verify|gpgv|cosign\s+verify|minisign|Get-FileHash|certutil)\b/i;

/** The last path part of a URL or a destination (`.../tini-amd64` -> `tini-amd64`). */
function baseName(path: string): string {
  const clean = path.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return clean.slice(clean.lastIndexOf('/') + 1);
}

/** Whether a later RUN of the stage verifies the fetched file (names it and runs a checksum tool). */
function verifiedLater(steps: DockerInstruction[], add: DockerInstruction, url: string): boolean {
  const dest = add.copy?.dest ?? '';
  const names = [baseName(url), dest.endsWith('/') ? '' : baseName(dest)].filter((n) => n.length > 1);
  return steps.some(
    (s) =>
      s.line > add.line &&
      s.keyword === 'RUN' &&
      VERIFIES.test(s.argsText) &&
      (names.length === 0 || names.some((n) => s.argsText.includes(n)) || dest.endsWith('/')),
  );
}

export const addUrlChecksum: Rule = {
  id: 'add-url-checksum',
  severity: 'warning',
  description:
    'ADD fetches a URL without `--checksum`, so nothing checks the file; add `--checksum=sha256:<hex>` (BuildKit verifies it) or verify it in the next RUN.',
  aliases: [],
  check({ model }) {
    const hits: RuleHit[] = [];
    for (const stage of model.graph.stages) {
      for (const step of stage.steps) {
        if (step.keyword !== 'ADD' || !step.copy || step.copy.checksum !== undefined) continue;
        const urls = step.copy.sources.filter((s) => HTTP_URL.test(s) && !GIT_URL.test(s));
        const unverified = urls.filter((u) => !verifiedLater(stage.steps, step, u));
        if (unverified.length === 0) continue;
        hits.push({
          line: step.line,
          endLine: step.endLine,
          message: `ADD fetches ${unverified.map((u) => `\`${u}\``).join(', ')} without \`--checksum\`, so a changed or tampered file builds unnoticed; add \`--checksum=sha256:<hex>\` (BuildKit checks it) or verify the file with sha256sum in the next RUN.`,
        });
      }
    }
    return hits;
  },
};
