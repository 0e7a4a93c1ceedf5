// Log lines must never carry a phone number in clear (README, "Logs"). URLs and error messages
// from hostile sites can contain one, so every line we print about a page goes through here.

// Seven or more digits, allowing the separators ads use between them.
const NUMBER_LIKE = /\+?\d(?:[\s\-./()]{0,2}\d){6,}/g;

export function redact(text: string): string {
  return text.replace(NUMBER_LIKE, '[number]');
}
