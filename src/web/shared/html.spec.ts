import { html, trusted } from './html';

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
});
