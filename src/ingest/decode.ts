/**
 * Bytes → text, refusing what is not text. A BOM decides first (UTF-8, UTF-16); then valid UTF-8
 * is UTF-8 whatever was declared (misdeclared UTF-8 pages are common; real legacy text is almost
 * never valid UTF-8); else the declared charset (HTTP header or HTML `<meta charset>`); else, if it
 * looks like text, UTF-8 with U+FFFD for the bad bytes when valid multi-byte sequences outnumber
 * invalid ones (one stray byte in a scraped UTF-8 file is common), otherwise Windows-1252 (old
 * Latin-1 exports). NUL bytes or many control characters: binary.
 */

/** `warning`: the text was read, but not cleanly (bytes replaced, or a likely wrong encoding). */
export type DecodeResult = { ok: true; text: string; warning?: string } | { ok: false; reason: string };

const SNIFF_BYTES = 8192;
/** WHATWG: all of these labels mean Windows-1252. */
const WINDOWS_1252_LABELS = /^(windows-1252|cp1252|x-cp1252|iso-8859-1|iso8859-1|iso_8859-1|latin1|l1|us-ascii|ascii)$/;

export function decodeText(bytes: Uint8Array, charset?: string | null): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return { ok: false, reason: 'not a text file (binary content)' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    // Not UTF-8: the declared charset, else a legacy single-byte encoding if it reads as text.
  }
  const label = (charset ?? sniffMetaCharset(head))?.trim().toLowerCase();
  if (label && !WINDOWS_1252_LABELS.test(label) && label !== 'utf-8' && label !== 'utf8') {
    const declared = decodeWith(label, bytes);
    if (declared.ok) return declared;
  }
  let controls = 0;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  if (controls > head.length / 100) return { ok: false, reason: 'not a text file (binary content)' };
  const { valid, invalid, firstInvalid } = utf8Census(bytes);
  // Each reading spoils the characters the other gets right: UTF-8 loses the `invalid` sequences
  // (U+FFFD), Windows-1252 garbles the `valid` ones ("é" → "Ã©"). Pick the one that spoils fewer.
  // Real Windows-1252 text almost never forms valid multi-byte sequences (an accented capital
  // before a curly quote, "Ü”", is about the only way), so it stays Windows-1252 as before.
  if (valid > invalid) {
    const where = `line ${lineOf(bytes, firstInvalid)}`;
    return {
      ok: true,
      text: new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes),
      warning: `read as UTF-8, but ${plural(invalid, 'invalid byte sequence')} (first on ${where}) replaced by U+FFFD`,
    };
  }
  const text = decodeWindows1252(bytes);
  if (valid === 0) return { ok: true, text };
  return { ok: true, text, warning: `read as Windows-1252 (${plural(invalid, 'byte sequence')} not UTF-8); ${plural(valid, 'UTF-8 character')} may be garbled` };
}

/**
 * Multi-byte UTF-8 sequences that are well formed (`valid`) and ill-formed ones (`invalid`, counted
 * as TextDecoder counts its U+FFFD: one per maximal ill-formed subpart), with the offset of the first.
 */
export function utf8Census(bytes: Uint8Array): { valid: number; invalid: number; firstInvalid: number } {
  let valid = 0;
  let invalid = 0;
  let firstInvalid = -1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    // WHATWG UTF-8 decoder: the lead byte fixes the length and the range of the second byte.
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    }
    let j = i + 1;
    let ok = need > 0;
    for (let k = 0; ok && k < need; k++, j++) {
      const c = bytes[j];
      if (c === undefined || c < (k === 0 ? lo : 0x80) || c > (k === 0 ? hi : 0xbf)) ok = false;
    }
    if (ok) {
      valid++;
      i = j;
    } else {
      invalid++;
      if (firstInvalid < 0) firstInvalid = i;
      // The byte that broke the sequence starts the next one (it may be ASCII or a lead byte).
      i = Math.max(i + 1, j - 1);
    }
  }
  return { valid, invalid, firstInvalid };
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">` near the top of an HTML page. */
function sniffMetaCharset(head: Uint8Array): string | null {
  const ascii = String.fromCharCode(...head.subarray(0, 2048));
  return /<meta[^>]+charset\s*=\s*["']?([\w:.-]+)/i.exec(ascii)?.[1] ?? null;
}

function decodeWith(label: string, bytes: Uint8Array): DecodeResult {
  try {
    return { ok: true, text: new TextDecoder(label, { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: `not a text file (cannot be read as ${label})` };
  }
}

/** 0x80–0x9F of Windows-1252 (curly quotes, dashes, €…); undefined slots map to themselves. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Node 20's TextDecoder reads the label "windows-1252" as ISO-8859-1, losing curly quotes: decode by hand. */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    const chunk = bytes.subarray(i, i + 4096);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] as number) : b)));
  }
  return out;
}
