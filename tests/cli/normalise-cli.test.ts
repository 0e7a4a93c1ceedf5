// `kartla normalise`: one string, JSON with the export's keys, and many strings through --stdin.

import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/run-cli.ts';

function withStdin(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('kartla normalise', () => {
  it('prints a location as JSON with the export keys', async () => {
    const r = await runCli(['normalise', '--field', 'location', 'Södermalm, Stockholm', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ locality: 'Stockholm', kommunCode: '0180', lanCode: '01', policeRegion: 'Stockholm' });
  });

  it('prints phones as E.164 and age with band and minor cue', async () => {
    const phone = JSON.parse((await runCli(['normalise', '--field', 'phone', 'Ring 070-174 06 05 (1 500 kr/h)', '--json'])).stdout);
    expect(phone.phones).toEqual(['+46701740605']);
    const age = JSON.parse((await runCli(['normalise', '--field', 'age', 'född 2001', '--observed-at', '2026-11-23', '--json'])).stdout);
    expect(age).toMatchObject({ age: 25, ageBand: '24-29', minorCue: false });
    const young = JSON.parse((await runCli(['normalise', '--field', 'age', '16 år', '--json'])).stdout);
    expect(young).toMatchObject({ age: 16, ageBand: 'under-18', minorCue: true });
  });

  it('keeps unknown keys null rather than guessing', async () => {
    const out = JSON.parse((await runCli(['normalise', '--field', 'location', 'Hemma hos dig', '--json'])).stdout);
    expect(out).toMatchObject({ locality: null, kommunCode: null, lanCode: null, policeRegion: null });
    const gender = JSON.parse((await runCli(['normalise', '--field', 'gender', 'Okänt', '--json'])).stdout);
    expect(gender).toEqual({ gender: 'unknown' });
  });

  it('reads one string per line with --stdin and prints one JSON object per line', async () => {
    const r = await withStdin(['normalise', '--field', 'gender', '--stdin'], 'Tjej\nKille\nTS\n\n');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).gender)).toEqual(['woman', 'man', 'trans', 'unknown']);
  });

  it('prints readable lines without --json', async () => {
    const r = await runCli(['normalise', '--field', 'gender', 'Kvinna']);
    expect(r.stdout).toMatch(/^gender\s+woman$/m);
  });

  it('rejects a missing text, an unknown field and a bad date with exit code 2', async () => {
    for (const [args, message] of [
      [['normalise', '--field', 'age'], /give the text to normalise/],
      [['normalise', '--field', 'shoe', 'x'], /argument 'shoe' is invalid\. Allowed choices are phone, age, gender, location/],
      [['normalise', 'x'], /required option '--field <field>' not specified/],
      [['normalise', '--field', 'age', 'x', '--observed-at', 'tomorrow'], /expected a date such as 2026-05-01, got "tomorrow"/],
    ] as const) {
      const r = await runCli([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
