import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw, scriptJson } from '../../../../src/report/html/escape.ts';

describe('HTML escaping', () => {
  it('escapes text for a text node and a quoted attribute', () => {
    expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe(
      '&#60;script&#62;&#34;x&#34; &#38; &#39;y&#39;&#60;/script&#62;',
    );
  });

  it('html`` escapes every interpolated value, lists included, and inserts only html`` and raw() as they are', () => {
    const value = '"><img src=x onerror=alert(1)>';
    const page = html`<td title="${value}">${[value, html`<b>${value}</b>`]}${raw('<i>ours</i>')}${undefined}${false}</td>`;
    expect(page.value).not.toContain('<img');
    expect(page.value).toBe(
      `<td title="${escapeHtml(value)}">${escapeHtml(value)}<b>${escapeHtml(value)}</b><i>ours</i></td>`,
    );
  });

  it('scriptJson cannot end its script element or open a comment, and parses back to the same value', () => {
    const value = { label: '</script><script>window.__pwned=1</script>', note: '<!-- x -->', sep: '\u2028\u2029&' };
    const text = scriptJson(value);
    expect(text).not.toMatch(/<|>|&|\u2028|\u2029/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
