/**
 * Fitting the report into GitHub's limits (comments: 65,536 characters; job summaries: 1 MiB) without
 * losing what a reviewer needs: the headline and tables stay, details shrink first, then go, and the
 * reader is told what was cut and where the full report is.
 */

export interface Section {
  /** What the reader loses when it shrinks or goes, e.g. `the findings list`. */
  name: string;
  /** Renderings from fullest to smallest; the trimmer walks down this list before dropping the section. */
  variants: string[];
  /**
   * 0: always kept (headline, tables), shortened only when nothing else is left to cut. Higher
   * numbers are shortened, then dropped, first.
   */
  priority: number;
}

export interface Limit {
  maxChars?: number;
  maxBytes?: number;
}

export interface TrimOutcome {
  shortened: string[];
  dropped: string[];
  /** Even the kept sections did not fit and were cut off at this many characters. */
  truncated: boolean;
}

function fits(text: string, limit: Limit): boolean {
  if (limit.maxChars !== undefined && text.length > limit.maxChars) return false;
  if (limit.maxBytes !== undefined && Buffer.byteLength(text, 'utf8') > limit.maxBytes) return false;
  return true;
}

function join(parts: string[]): string {
  return parts.filter((p) => p !== '').join('\n\n') + '\n';
}

/** What the current choice of variants cut: sections shortened, and sections left out. */
function trimOutcome(sections: Section[], choice: number[]): TrimOutcome {
  // An empty variant is a section that goes whole before the others shrink (the chart).
  const gone = (s: Section, i: number) =>
    choice[i] >= s.variants.length || (s.variants[choice[i]] === '' && s.variants[0] !== '');
  return {
    // A smaller variant that renders the same (a list already shorter than the cap) cut nothing.
    shortened: sections
      .filter((s, i) => !gone(s, i) && s.variants[choice[i]] !== s.variants[0])
      .map((s) => s.name),
    dropped: sections.filter(gone).map((s) => s.name),
    truncated: false,
  };
}

/**
 * Joins the sections, shortening and dropping the least important ones until the text fits `limit`.
 * `note` writes the explanation shown where content was cut; `footer` always closes the text.
 */
export function fitSections(
  sections: Section[],
  limit: Limit,
  note: (outcome: TrimOutcome) => string,
  footer = '',
): { text: string; outcome?: TrimOutcome } {
  const choice = sections.map(() => 0);
  const render = (withNote?: TrimOutcome): string =>
    join([
      ...sections.map((s, i) => (choice[i] < s.variants.length ? s.variants[choice[i]] : '')),
      withNote ? note(withNote) : '',
      footer,
    ]);
  const outcome = (): TrimOutcome => trimOutcome(sections, choice);

  const full = render();
  if (fits(full, limit)) return { text: full };

  // Least important first: details shrink to their smallest form, then go; the tables (priority 0)
  // shrink only after every detail is gone, and are never dropped.
  const byImportance = sections
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.priority - a.s.priority || b.i - a.i);
  const details = byImportance.filter(({ s }) => s.priority > 0);
  const tables = byImportance.filter(({ s }) => s.priority === 0);
  const phases: { items: typeof byImportance; stop: (s: Section) => number }[] = [
    { items: details, stop: (s) => s.variants.length - 1 },
    { items: details, stop: (s) => s.variants.length },
    { items: tables, stop: (s) => s.variants.length - 1 },
  ];
  // Once it fits, give back what the last cuts made room for: most important sections first, each
  // restored to the fullest variant that still fits (a compact stage table can leave room for findings).
  const refill = (): { text: string; outcome: TrimOutcome } => {
    for (const { i } of [...byImportance].reverse()) {
      while (choice[i] > 0) {
        choice[i]--;
        if (!fits(render(outcome()), limit)) {
          choice[i]++;
          break;
        }
      }
    }
    const current = outcome();
    return { text: render(current), outcome: current };
  };
  for (const phase of phases) {
    for (const { s, i } of phase.items) {
      while (choice[i] < phase.stop(s)) {
        choice[i]++;
        if (fits(render(outcome()), limit)) return refill();
      }
    }
  }

  // Even the headline and tables are too big (thousands of stages or budgets): cut at a line boundary.
  const current = { ...outcome(), truncated: true };
  const tail = join([note(current), footer]);
  const kept = join(sections.map((s, i) => (choice[i] < s.variants.length ? s.variants[choice[i]] : '')));
  let cut = kept;
  const budget = (limit.maxChars ?? Infinity) - tail.length - 2;
  if (cut.length > budget) cut = cut.slice(0, Math.max(0, budget));
  while (!fits(`${cut}\n\n${tail}`, limit) && cut.length > 0)
    cut = cut.slice(0, Math.floor(cut.length * 0.9));
  const lastBreak = cut.lastIndexOf('\n');
  cut = lastBreak > 0 ? cut.slice(0, lastBreak) : '';
  return { text: `${cut}\n\n${tail}`, outcome: current };
}
