import { escapeHtml, html, trusted } from './html';

describe('html', () => {
  it('escapes every interpolated value that is not already markup', () => {
    const name = `<script>alert("x")</script> & 'co'`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>',
    );
  });

  it('keeps nested markup and trusted SVG, renders lists, and drops false, null and undefined', () => {
    const items = ['a<b', 'c'];
    const list = html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`;
    expect(html`${list}${false}${null}${undefined}${trusted('<svg/>')}${0}`.value).toBe(
      '<ul><li>a&lt;b</li><li>c</li></ul><svg/>0',
    );
  });

  it("drops the source's indentation from markup, never from what is interpolated", () => {
    const note = 'line one\n    indented by the writer';
    const page = () =>
      html`<div>
        <p
          class="note"
        >${note}</p>
      </div>`;
    expect(page().value).toBe(
      '<div>\n<p\nclass="note"\n>line one\n    indented by the writer</p>\n</div>',
    );
    // The same call site again (its strings compacted once, then reused): the same markup.
    expect(page().value).toBe(page().value);
  });

  it('returns text with nothing to escape as it is, and escapes every special character', () => {
    expect(escapeHtml('Member 1923 · 12:45–13:45')).toBe('Member 1923 · 12:45–13:45');
    expect(escapeHtml(`a&b<c>d"e'f&`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f&amp;');
  });
});
