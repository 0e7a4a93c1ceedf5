// One escaper for HTML text, HTML attributes and SVG: report labels (site names, localities) come
// from hostile websites, so every string drawn goes through here, quotes included, so the result
// is safe in an attribute value whichever quote character surrounds it.

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}
