import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

/** The bytes of src/search/myers-simd.wat, assembled by wabt (SIMD on), as base64. */
export async function assembleMyersWat(): Promise<string> {
  const src = fileURLToPath(new URL('../src/search/myers-simd.wat', import.meta.url));
  const wabt = await wabtInit();
  const mod = wabt.parseWat('myers-simd.wat', readFileSync(src, 'utf8'), { simd: true });
  try {
    mod.validate();
    return Buffer.from(mod.toBinary({}).buffer).toString('base64');
  } finally {
    mod.destroy();
  }
}
