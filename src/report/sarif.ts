/**
 * Findings as a SARIF 2.1.0 log for GitHub code scanning: the rules that ran (with help links and
 * default levels) and one result per finding and line. A finding said once for repeats (`alsoAt`)
 * gives one result per line: code scanning shows only the first of a result's `locations`, and SARIF
 * keeps that list for a fix that needs every place (§3.27.12), while each repeat is fixed on its own
 * and is its own alert. Pure: findings and rules in, a JSON-ready object out.
 */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { VERSION } from '../version.js';
import { docsUrl } from '../rules/docs.js';
import type { Finding, Rule, Severity } from '../rules/types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF has three levels; info and style are both "note". */
export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** `stage-name-casing` -> `StageNameCasing` (SARIF's optional readable name). */
function pascal(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** `./a/Dockerfile` or `C:\\x\\Dockerfile` -> a relative URI GitHub can place in the repository. */
function artifactUri(file: string): string {
  return encodeURI(file.replace(/\\/g, '/').replace(/^\.\//, ''));
}

/**
 * A finding per line it stands for: the finding itself, then one at each of its `alsoAt` lines (a
 * repeat's region is its start line: the repeats' texts match, their line breaks and columns need not).
 */
function eachLine(f: Finding): Finding[] {
  const { alsoAt, column, ...rest } = f;
  const first: Finding = column !== undefined ? { ...rest, column } : rest;
  return [first, ...(alsoAt ?? []).map((line) => ({ ...rest, line, endLine: line }))];
}

export function toSarif(findings: Finding[], rules: readonly Rule[]): Log {
  const descriptors: ReportingDescriptor[] = rules.map((r) => ({
    id: r.id,
    name: pascal(r.id),
    shortDescription: { text: r.description },
    fullDescription: { text: r.description },
    helpUri: docsUrl(r.id),
    help: {
      text: `${r.description} See ${docsUrl(r.id)}`,
      markdown: `${r.description} [Documentation](${docsUrl(r.id)})`,
    },
    defaultConfiguration: { level: sarifLevel(r.severity) },
    properties: { tags: [...r.aliases], severity: r.severity },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: Result[] = findings.flatMap(eachLine).map((f) => ({
    ruleId: f.rule,
    ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(f.file) },
          region: {
            startLine: f.line,
            endLine: f.endLine,
            ...(f.column !== undefined ? { startColumn: f.column } : {}),
          },
        },
      },
    ],
    // SARIF's own field for "is it in the baseline?" (§3.27.24): the base commit's findings.
    ...(f.baseline ? { baselineState: f.baseline === 'existing' ? 'unchanged' : 'new' } : {}),
    properties: { severity: f.severity, aliases: f.aliases },
  }));
  return {
    version: '2.1.0',
    $schema: SARIF_SCHEMA,
    runs: [
      {
        tool: {
          driver: {
            name: 'stagegate',
            version: VERSION,
            informationUri: 'https://github.com/stagegate/stagegate',
            rules: descriptors,
          },
        },
        results,
      },
    ],
  };
}
