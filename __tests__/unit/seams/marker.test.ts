import { describe, expect, it } from '@jest/globals';
import { commentMarker, hasMarker, withMarker } from '../../../src/seams/github/marker.js';

describe('commentMarker', () => {
  it('is keyed by Dockerfile path and target', () => {
    expect(commentMarker('./examples/hello/Dockerfile', undefined)).toBe(
      '<!-- stagegate:examples/hello/Dockerfile: -->',
    );
    expect(commentMarker('examples/hello/Dockerfile', 'runtime')).toBe(
      '<!-- stagegate:examples/hello/Dockerfile:runtime -->',
    );
    expect(commentMarker('a/Dockerfile', 'x')).not.toBe(commentMarker('b/Dockerfile', 'x'));
    expect(commentMarker('a/Dockerfile', 'x')).not.toBe(commentMarker('a/Dockerfile', 'y'));
  });

  it('cannot be closed early by a hostile path', () => {
    const m = commentMarker('evil --> <img src=x>/Dockerfile', 'a--b');
    expect(m.slice(4, -3)).not.toContain('--');
    expect(m.slice(0, -1)).not.toContain('>');
    expect(m.endsWith(' -->')).toBe(true);
  });

  it('matches only a body the marker opens, not a reply quoting it', () => {
    const m = commentMarker('Dockerfile', undefined);
    expect(hasMarker(withMarker(m, 'report'), m)).toBe(true);
    expect(hasMarker(`> ${m}\n> report`, m)).toBe(false);
    expect(hasMarker(null, m)).toBe(false);
    expect(hasMarker(withMarker(commentMarker('Dockerfile', 'other'), 'r'), m)).toBe(false);
  });
});
