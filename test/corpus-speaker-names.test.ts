import { describe, expect, it } from 'vitest';
import { nameKey, resolveSpeakerName } from '../src/corpus/speakers.js';
import type { SpeakerInfo } from '../src/store/types.js';

// QA 8: names with letters NFKD does not decompose, double-barrelled and double surnames, and
// names in other scripts.
const speaker = (name: string, statements = 1, aliases: string[] = []): SpeakerInfo => ({ name, aliases, statements });
const SPEAKERS = [
  speaker('Jürgen Weißmüller-Öztürk', 3),
  speaker('Søren Ødegård', 2),
  speaker('Adaeze Okonkwo-Hale', 4, ['Ms Okonkwo-Hale']),
  speaker('Lucía Benavente Ortúzar', 2),
  speaker('Олена Коваленко', 1),
  speaker('Γιώργος Παπαδόπουλος', 1),
  speaker('Władysław Łukasik', 1),
  speaker('H.R. McMaster', 9),
];
const resolve = (typed: string) => resolveSpeakerName(typed, SPEAKERS);

describe('speaker names as people type them', () => {
  it('folds ß, ø, ł and the other letters without a decomposition', () => {
    expect(nameKey('Jürgen Weißmüller-Öztürk')).toBe('jurgen weissmuller ozturk');
    expect(resolve('Weissmuller-Ozturk')).toBe('Jürgen Weißmüller-Öztürk');
    expect(resolve('Odegard')).toBe('Søren Ødegård');
    expect(resolve('Soren Odegard')).toBe('Søren Ødegård');
    expect(resolve('Lukasik')).toBe('Władysław Łukasik');
  });

  it('takes either part of a double-barrelled surname', () => {
    expect(resolve('Weissmuller')).toBe('Jürgen Weißmüller-Öztürk');
    expect(resolve('Öztürk')).toBe('Jürgen Weißmüller-Öztürk');
    expect(resolve('Okonkwo')).toBe('Adaeze Okonkwo-Hale');
    expect(resolve('Hale')).toBe('Adaeze Okonkwo-Hale');
  });

  it('takes a name without its second surname', () => {
    expect(resolve('Lucia Benavente')).toBe('Lucía Benavente Ortúzar');
    expect(resolve('Benavente Ortuzar')).toBe('Lucía Benavente Ortúzar');
  });

  it('finds names written in Cyrillic or Greek', () => {
    expect(resolve('Коваленко')).toBe('Олена Коваленко');
    expect(resolve('Олена Коваленко')).toBe('Олена Коваленко');
    expect(resolve('Παπαδόπουλος')).toBe('Γιώργος Παπαδόπουλος');
  });

  it('still keys initials and dots as before, and does not guess', () => {
    expect(resolve('hr mcmaster')).toBe('H.R. McMaster');
    expect(resolve('H. R. McMaster')).toBe('H.R. McMaster');
    expect(resolve('Obama')).toBeNull();
    expect(resolve('Петренко')).toBeNull();
  });
});
