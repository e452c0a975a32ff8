import { describe, expect, it } from '@jest/globals';
import { fitSections, type Section, type TrimOutcome } from '../../../src/report/trim.js';

const note = (o: TrimOutcome): string =>
  `NOTE shortened=[${o.shortened.join(',')}] dropped=[${o.dropped.join(',')}] truncated=${o.truncated}`;

const sections = (): Section[] => [
  { name: 'headline', priority: 0, variants: ['H'.repeat(100)] },
  { name: 'table', priority: 0, variants: ['T'.repeat(300), 'T'.repeat(100)] },
  { name: 'log', priority: 1, variants: ['L'.repeat(300), 'L'.repeat(50)] },
  { name: 'findings', priority: 2, variants: ['F'.repeat(300), 'F'.repeat(100), 'F'.repeat(20)] },
];

describe('fitSections', () => {
  it('returns everything untouched when it fits', () => {
    const r = fitSections(sections(), { maxChars: 10_000 }, note, 'FOOT');
    expect(r.outcome).toBeUndefined();
    expect(r.text).not.toContain('NOTE');
    expect(r.text.trimEnd().endsWith('FOOT')).toBe(true);
  });

  it('shortens the least important details first', () => {
    const r = fitSections(sections(), { maxChars: 1000 }, note);
    expect(r.outcome).toEqual({ shortened: ['findings'], dropped: [], truncated: false });
    expect(r.text.length).toBeLessThanOrEqual(1000);
  });

  it('shortens every detail to its smallest form before dropping any', () => {
    const r = fitSections(sections(), { maxChars: 720 }, note);
    expect(r.outcome).toEqual({ shortened: ['log', 'findings'], dropped: [], truncated: false });
  });

  it('drops details before it touches the tables, and shrinks tables before cutting them', () => {
    const dropped = fitSections(sections(), { maxChars: 480 }, note);
    expect(dropped.outcome).toMatchObject({ dropped: ['log', 'findings'], truncated: false });
    expect(dropped.text).toContain('T'.repeat(300));
    const shrunk = fitSections(sections(), { maxChars: 330 }, note);
    expect(shrunk.text).toContain('H'.repeat(100));
    expect(shrunk.text).not.toContain('T'.repeat(101));
    // The smaller table made room again: the most important detail comes back in its short form.
    expect(shrunk.outcome).toEqual({ shortened: ['table', 'log'], dropped: ['findings'], truncated: false });
    expect(shrunk.text).toContain('L'.repeat(50));
    expect(shrunk.text.length).toBeLessThanOrEqual(330);
  });

  it('cuts at a line boundary as a last resort and still fits', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `row ${i}`).join('\n');
    const r = fitSections([{ name: 'big', priority: 0, variants: [lines] }], { maxChars: 200 }, note, 'FOOT');
    expect(r.text.length).toBeLessThanOrEqual(200);
    expect(r.outcome?.truncated).toBe(true);
    expect(r.text).toMatch(/row \d+\n\nNOTE/);
    expect(r.text.trimEnd().endsWith('FOOT')).toBe(true);
  });

  it('counts bytes for a byte limit', () => {
    const r = fitSections(
      [{ name: 'e', priority: 1, variants: ['é'.repeat(100), 'é'] }],
      { maxBytes: 150 },
      note,
    );
    expect(Buffer.byteLength(r.text)).toBeLessThanOrEqual(150);
    expect(r.outcome?.shortened).toEqual(['e']);
  });
});
