/**
 * Bytes → text, refusing what is not text. UTF-8 (with or without BOM) and UTF-16 with a BOM are
 * read as such; bytes that are not valid UTF-8 but look like text are read as Windows-1252 (old
 * Latin-1 exports); anything with NUL bytes or many control characters is binary.
 */

export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string };

const SNIFF_BYTES = 8192;

export function decodeText(bytes: Uint8Array, charset?: string | null): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return { ok: false, reason: 'not a text file (binary content)' };
  const label = charset?.trim().toLowerCase();
  if (label && label !== 'utf-8' && label !== 'utf8') {
    const declared = decodeWith(label, bytes);
    if (declared.ok) return declared;
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    // Not UTF-8: a legacy single-byte encoding if it reads as text, else binary.
  }
  let controls = 0;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  if (controls > head.length / 100) return { ok: false, reason: 'not a text file (binary content)' };
  return decodeWith('windows-1252', bytes);
}

function decodeWith(label: string, bytes: Uint8Array): DecodeResult {
  try {
    return { ok: true, text: new TextDecoder(label, { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: `not a text file (cannot be read as ${label})` };
  }
}
