import fc from 'fast-check';
import { escapeHtml, renderText } from './render-text';

describe('renderText', () => {
  it.each([
    ['null stays null', null, null],
    ['one line', 'hello', '<p>hello</p>'],
    ['paragraphs at blank lines', 'one\n\ntwo', '<p>one</p>\n\n<p>two</p>'],
    ['several blank lines (and whitespace) are one break', 'one\n \n\n\ntwo', '<p>one</p>\n\n<p>two</p>'],
    ['single line breaks', 'one\ntwo', '<p>one<br/>\ntwo</p>'],
    ['Windows and old Mac line ends', 'one\r\ntwo\r\rthree', '<p>one<br/>\ntwo</p>\n\n<p>three</p>'],
    ['only whitespace: nothing', '  \n\n ', ''],
    ['markup is text', '<script>alert("x")</script>', '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>'],
    ['attribute breakers', `"' onmouseover=alert(1) x='`, '<p>&quot;&#39; onmouseover=alert(1) x=&#39;</p>'],
    ['entities are not decoded', '&lt;b&gt;', '<p>&amp;lt;b&amp;gt;</p>'],
  ])('%s', (_label, text, html) => {
    expect(renderText(text)).toBe(html);
  });

  it('leaves no markup character of the input unescaped, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 200 }), (text) => {
        const html = renderText(text)!;
        // Remove the markup the renderer adds itself; what remains must hold no raw <, >, " or '.
        const content = html.replace(/<\/?p>|<br\/>/g, '');
        expect(content).not.toMatch(/[<>"']/);
        expect(content.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
      }),
      { numRuns: 500 },
    );
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in HTML text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
