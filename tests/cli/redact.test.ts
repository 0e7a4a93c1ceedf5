import { describe, expect, it } from 'vitest';
import { redact } from '../../src/cli/redact.ts';

describe('redacting log lines', () => {
  it.each([
    'ring 070-174 06 05 nu',
    'http://127.0.0.1:8080/profil/0701740605',
    'tel +46701740605',
    '+46 (0)70 174 06 05',
    '0046.70.174.06.05',
  ])('hides the number in %s', (line) => {
    const out = redact(line);
    expect(out).toContain('[number]');
    expect(out.replace(/\D/g, '')).not.toMatch(/1740605|701740605/);
  });
  it('keeps ports, counts and short ids', () => {
    expect(redact('http://127.0.0.1:8080/p/123 12 pages in 4.5 s')).toBe('http://127.0.0.1:8080/p/123 12 pages in 4.5 s');
  });
});
