/**
 * Bytes → text, refusing what is not text. A BOM decides first (UTF-8, UTF-16); then valid UTF-8
 * is UTF-8 whatever was declared (misdeclared UTF-8 pages are common; real legacy text is almost
 * never valid UTF-8); else the declared charset (HTTP header or HTML `<meta charset>`); else, if it
 * looks like text, Windows-1252 (old Latin-1 exports). NUL bytes or many control characters: binary.
 */

export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string };

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
  return { ok: true, text: decodeWindows1252(bytes) };
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
