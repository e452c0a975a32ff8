import { describe, expect, it } from '@jest/globals';
import {
  code,
  codeBlock,
  escapeHtml,
  escapeText,
  link,
  richText,
  safeUrl,
  stripControl,
} from '../../../src/report/escape.js';

describe('escapeText', () => {
  it('escapes Markdown structure, HTML and table pipes', () => {
    expect(escapeText('a|b <img src=x> *x* _y_ [l](u) `c` \\ # ! ~ &amp;')).toBe(
      'a\\|b &lt;img src=x&gt; \\*x\\* \\_y\\_ \\[l\\](u) \\`c\\` \\\\ \\# \\! \\~ &amp;amp;',
    );
  });

  it('joins @ to the name with a zero-width joiner so nobody is notified', () => {
    expect(escapeText('cc @octocat and @org/team, mail a@b.c')).toBe(
      'cc @\u200doctocat and @\u200dorg/team, mail a@\u200db.c',
    );
    expect(escapeText('a lone @ stays')).toBe('a lone @ stays');
  });

  it('folds newlines so a table row stays one row, and clips long text', () => {
    expect(escapeText('one\n\ntwo\r\nthree')).toBe('one two three');
    expect(escapeText('x'.repeat(50), 10)).toBe('xxxxxxxxx…');
  });

  it('removes ANSI colours and bidi overrides', () => {
    expect(stripControl('\u001b[31mred\u001b[0m \u202egnp.exe')).toBe('red gnp.exe');
  });
});

describe('code', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('``x``')).toBe('``` ``x`` ```');
    expect(code('x`<img src=x>`@octocat')).toBe('``x`<img src=x>`@\u200doctocat``');
  });

  it('escapes pipes only inside tables', () => {
    expect(code('a|b', { inTable: true })).toBe('`a\\|b`');
    expect(code('a|b')).toBe('`a|b`');
  });

  it('renders nothing for empty text', () => {
    expect(code('')).toBe('');
  });
});

describe('codeBlock', () => {
  it('cannot be closed by a line of the log', () => {
    const block = codeBlock(['```', '``````', 'done']);
    expect(block.split('\n')[0]).toBe('```````text');
    expect(block.endsWith('\n```````')).toBe(true);
  });

  it('clips very long lines and strips colours', () => {
    const block = codeBlock(['\u001b[1m' + 'z'.repeat(1000)], { maxLineLength: 20 });
    expect(block).toBe('```text\n' + 'z'.repeat(19) + '…\n```');
  });
});

describe('escapeHtml', () => {
  it('uses entities only, since Markdown is not parsed inside HTML blocks', () => {
    expect(escapeHtml(`<b>"x" & 'y'</b> @me`)).toBe(
      '&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt; @\u200dme',
    );
  });
});

describe('richText', () => {
  it('shows backtick spans as code and escapes the rest', () => {
    expect(richText('USER `app` is not numeric: use <uid>')).toBe(
      'USER `app` is not numeric: use &lt;uid&gt;',
    );
  });

  it('stays inert when user input brings its own backticks', () => {
    const out = richText('stage `x`<img src=x>`@octocat` is unused');
    expect(out).toBe('stage `x`&lt;img src=x&gt;`@\u200doctocat` is unused');
  });
});

describe('links', () => {
  it('accepts only http(s) URLs and encodes what would break the link', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('https://x.test/a b)(c')).toBe('https://x.test/a%20b%29%28c');
    expect(link('t', 'https://x.test/')).toBe('[t](https://x.test/)');
    expect(link('t', 'ftp://x')).toBe('t');
  });
});
