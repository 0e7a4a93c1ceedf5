import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import { parseTruth } from '../../src/eval/truth-file.ts';

const record = {
  site: 's',
  url: 'http://127.0.0.1:1/p/1',
  externalId: '1',
  age: 24,
  ageBand: '24-29',
  gender: 'woman',
  locality: 'Umeå',
  kommunCode: '2480',
  lanCode: '24',
  policeRegion: 'Nord',
  phones: ['+46701740605'],
  organisation: null,
  minorCue: false,
};

describe('ground-truth files', () => {
  it('reads a JSON array and JSON Lines alike', () => {
    expect(parseTruth(JSON.stringify([record, record]), 'f')).toHaveLength(2);
    expect(parseTruth(`${JSON.stringify(record)}\n\n${JSON.stringify(record)}\n`, 'f')).toHaveLength(2);
  });

  it('names the file, the record and the field of a bad record', () => {
    const bad = { ...record, phones: ['070-174 06 05'] };
    expect(() => parseTruth(`${JSON.stringify(record)}\n${JSON.stringify(bad)}`, 'truth.jsonl')).toThrow(
      'truth.jsonl: line 2: field "phones.0": must be E.164, e.g. +46701740605',
    );
    const { gender: _dropped, ...noGender } = record;
    expect(() => parseTruth(JSON.stringify([noGender]), 't.json')).toThrow(/t\.json: record 1: field "gender"/);
  });

  it('rejects empty and non-JSON files with a ConfigError', () => {
    expect(() => parseTruth('  ', 'e')).toThrow(ConfigError);
    expect(() => parseTruth('{not json', 'x')).toThrow(/x: not JSON or JSON Lines/);
  });
});
