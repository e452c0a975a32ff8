/** Where a rule's documentation page lives: `docs/rules/<id>.md` in the repository, as GitHub shows it. */
export const DOCS_BASE = 'https://github.com/stagegate/stagegate/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}
