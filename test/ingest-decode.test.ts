import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText, utf8Census } from '../src/ingest/decode.js';
import { loadPath } from '../src/ingest/index.js';
import { childEnv, runWithInput } from './helpers/spawn.js';

const tmp = mkdtempSync(join(tmpdir(), 'factbot-decode-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('ingest: decoding a file that is almost all UTF-8 (QA6 B2)', () => {
  it('keeps the accents and curly quotes of a UTF-8 file with one stray byte, and warns about the file', async () => {
    // The QA reproduction: one 0xFF made the whole file Windows-1252 ("â€œThe cafÃ©…") and the quote was lost.
    writeFileSync(join(tmp, 'mixed.txt'), bytes('\u201cThe caf\u00e9 in Z\u00fcrich will open,\u201d said Ren\u00e9e M\u00fcller.\nA stray byte ', [0xff], ' here.\n'));
    const { articles, errors } = await loadPath(join(tmp, 'mixed.txt'), { baseDir: tmp });
    expect(articles[0]!.text).toBe('"The café in Zürich will open," said Renée Müller.\nA stray byte \uFFFD here.');
    expect(errors).toEqual([{ source: 'mixed.txt', reason: 'read as UTF-8, but 1 invalid byte sequence (first on line 2) replaced by U+FFFD', warning: true }]);
  });

  it('a file read with a note is not a failed load: factbot ingest says so as a note and exits 0', async () => {
    const data = mkdtempSync(join(tmp, 'data-'));
    const r = await runWithInput('node', ['--import', 'tsx', 'src/cli/main.ts', 'ingest', join(tmp, 'mixed.txt')], childEnv(data), '');
    expect(r.stderr).toMatch(/mixed\.txt: note: read as UTF-8, but 1 invalid byte sequence/);
    expect(r.stderr).not.toMatch(/could not be loaded/);
    expect(r.stdout).toMatch(/1 added/);
    expect(r.code).toBe(0);
  }, 60_000);

  it('still reads a real Windows-1252 file as Windows-1252, silently', async () => {
    // “Café” – naïve: curly quotes, en dash and accents are single bytes, none of them valid UTF-8.
    const cp1252 = bytes([0x93], 'Caf', [0xe9, 0x94, 0x20, 0x96], ' na', [0xef], 've and ', [0x80], '5.\n');
    // Five ill-formed sequences ("é”" = E9 94 is one: a lead byte and a continuation, then a space).
    expect(utf8Census(cp1252)).toEqual({ valid: 0, invalid: 5, firstInvalid: 0 });
    expect(decodeText(cp1252)).toEqual({ ok: true, text: '\u201cCaf\u00e9\u201d \u2013 na\u00efve and \u20ac5.\n' });
    writeFileSync(join(tmp, 'cp1252.txt'), cp1252);
    expect(await loadPath(join(tmp, 'cp1252.txt'), { baseDir: tmp })).toMatchObject({ articles: [{ text: '"Café" - naïve and €5.' }], errors: [] });
  });

  it('reads as UTF-8 when valid multi-byte sequences outnumber invalid ones, else as Windows-1252 with a warning', () => {
    // Two accents and two bad bytes: a tie keeps the old reading, and says what may be garbled.
    const tie = decodeText(bytes('Z\u00fcrich, M\u00fcller ', [0xe9, 0x20, 0xe8], '.'));
    expect(tie).toEqual({ ok: true, text: 'Z\u00c3\u00bcrich, M\u00c3\u00bcller \u00e9 \u00e8.', warning: 'read as Windows-1252 (2 byte sequences not UTF-8); 2 UTF-8 characters may be garbled' });
    const more = decodeText(bytes('Z\u00fcrich, M\u00fcller, Ren\u00e9e ', [0xe9, 0x20, 0xe8], '.'));
    expect(more).toEqual({ ok: true, text: 'Z\u00fcrich, M\u00fcller, Ren\u00e9e \uFFFD \uFFFD.', warning: 'read as UTF-8, but 2 invalid byte sequences (first on line 1) replaced by U+FFFD' });
    // A truncated sequence is one invalid sequence, as the decoder replaces it by one U+FFFD.
    expect(utf8Census(bytes('\u201c', [0xe2, 0x80], 'x'))).toEqual({ valid: 1, invalid: 1, firstInvalid: 3 });
  });
});
