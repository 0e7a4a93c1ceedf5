// Plants the handful of minors' cues the mapping reports: a few ads stating an age under 18 and a
// few with a youth phrase from config/phrases/minor-cues.yaml. Only independents get them, so a
// cue never rides along when an organisation moves, and the ground truth lists each one.

import type { Rng } from '../random.ts';
import type { Builder } from './builder.ts';
import { MINOR_CUES } from './calibration.ts';
import { CUE_PHRASES } from './text.ts';
import type { NationalProfile } from './types.ts';

/** Tops the world up to MINOR_CUES, choosing among `candidates` (new independents of this year). */
export function plantMinorCues(b: Builder, rng: Rng, candidates: readonly NationalProfile[]): void {
  const live = b.profiles.filter((p) => p.minorCue);
  let ages = MINOR_CUES.statedAge - live.filter((p) => p.age !== null && p.age < 18).length;
  let phrases = MINOR_CUES.phrase - live.filter((p) => p.age === null || p.age >= 18).length;
  for (const p of rng.shuffle(candidates.filter((c) => c.organisationId === null && !c.minorCue))) {
    if (ages <= 0 && phrases <= 0) break;
    // Cues are written in Swedish, the language of the maintained phrase list.
    p.language = 'sv';
    p.minorCue = true;
    if (ages > 0) {
      p.age = rng.int(16, 17);
      p.minorCueEvidence = `${p.age} år`;
      ages -= 1;
    } else {
      const cue = CUE_PHRASES[phrases % CUE_PHRASES.length]!;
      p.age = cue.boundsAge || rng.chance(0.5) ? rng.int(18, 20) : null;
      p.minorCueEvidence = cue.evidence;
      b.cueSentences.set(p.id, cue.sentence);
      phrases -= 1;
    }
    b.redescribe(rng, p);
  }
}
