/**
 * Jira's `renderedFields`: a text field as HTML. Jira renders wiki markup; this server renders plain
 * text, every character escaped, blank lines between paragraphs and single line breaks as `<br/>`.
 */
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

export function renderText(text: string | null): string | null {
  if (text === null) return null;
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  return paragraphs.map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br/>\n')}</p>`).join('\n\n');
}
