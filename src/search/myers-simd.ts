import { MYERS_SIMD_WASM } from './myers-simd.wasm.js';

/**
 * Myers' edit distance for many texts at once, four per step in WebAssembly SIMD lanes
 * (`myers-simd.wat`). The same smallest distance between a pattern chunk (≤ 32 characters) and
 * any substring of each text as `myersBest` in bitap.ts, so scores are unchanged. Why: the
 * recurrence is one serial chain of a dozen bit operations per character, so a single text
 * leaves the core idle between steps; the search's last stage runs it over thousands of
 * candidate texts per query, and independent lanes roughly triple the throughput.
 *
 * Usage per batch: `clear()`, `addText` / `addPart` for each job, then per pattern chunk
 * `run(masks, m)` and `best(job)` for each job.
 */
export class MyersBatch {
  /** Jobs per batch (the module's job table holds 1 024). */
  static readonly MAX_JOBS = 1024;
  private static readonly EQ = 0;
  private static readonly JOBS = 1024;
  private static readonly OUT = 9216;
  private static readonly TEXT = 16384;
  /** Spare bytes kept past the texts (see `fits`). */
  private static readonly SLACK = 4096;
  private static readonly BUCKETS = 64;

  private readonly memory: WebAssembly.Memory;
  private readonly runFn: (sh: number, m: number, njobs: number) => void;
  private u8: Uint8Array;
  private i32: Int32Array;
  private jobs = 0;
  private textEnd = MyersBatch.TEXT;
  private maxLen = 0;

  private constructor(instance: WebAssembly.Instance) {
    this.memory = instance.exports.memory as WebAssembly.Memory;
    this.runFn = instance.exports.run as (sh: number, m: number, njobs: number) => void;
    this.u8 = new Uint8Array(this.memory.buffer);
    this.i32 = new Int32Array(this.memory.buffer);
  }

  /** The batch engine, or null where WebAssembly SIMD is not available (callers use bitap.ts). */
  static create(): MyersBatch | null {
    try {
      const bytes = Buffer.from(MYERS_SIMD_WASM, 'base64');
      if (!WebAssembly.validate(bytes)) return null;
      return new MyersBatch(new WebAssembly.Instance(new WebAssembly.Module(bytes), {}));
    } catch {
      return null;
    }
  }

  clear(): void {
    this.jobs = 0;
    this.textEnd = MyersBatch.TEXT;
    this.maxLen = 0;
    this.sorted = false;
  }

  /** Whether another text of `len` bytes fits (growing the memory if it must). */
  fits(len: number): boolean {
    if (this.jobs >= MyersBatch.MAX_JOBS) return false;
    // A lane past its end reads on as far as the longest text of its group.
    const need = this.textEnd + len + Math.max(this.maxLen, len) + MyersBatch.SLACK;
    if (need > this.u8.length) {
      // A long statement (a pasted paragraph) now and then: grow once, keep the memory.
      this.memory.grow(Math.ceil((need - this.u8.length) / 65536));
      this.u8 = new Uint8Array(this.memory.buffer);
      this.i32 = new Int32Array(this.memory.buffer);
    }
    return true;
  }

  /** Copies `buf[start, start + len)` in as a job; returns the job's number (check `fits` first). */
  addText(buf: Uint8Array, start: number, len: number): number {
    const at = this.textEnd;
    this.u8.set(buf.subarray(start, start + len), at);
    this.textEnd = at + len;
    if (len > this.maxLen) this.maxLen = len;
    return this.addJob(at, len);
  }

  /** A part of an added text (a quote inside its statement) as a job of its own: no copy. */
  addPart(job: number, offset: number, len: number): number {
    if (this.sorted) throw new Error('MyersBatch: jobs added after a run');
    return this.addJob(this.i32[(MyersBatch.JOBS >> 2) + 2 * job]! + offset, len);
  }

  private addJob(at: number, len: number): number {
    const j = this.jobs++;
    this.i32[(MyersBatch.JOBS >> 2) + 2 * j] = at;
    this.i32[(MyersBatch.JOBS >> 2) + 2 * j + 1] = len;
    return j;
  }

  /** Runs every job against one pattern chunk: `masks` as bitap.ts's `Chunk.ascii`, `m` its length. */
  run(masks: Int32Array, m: number): void {
    if (!this.sorted) this.sortJobs();
    this.i32.set(masks, MyersBatch.EQ >> 2);
    this.runFn(m - 1, m, this.jobs);
  }

  /** The smallest edit distance of the last run for job `job`. */
  best(job: number): number {
    return this.i32[(MyersBatch.OUT >> 2) + this.slot[job]!]!;
  }

  private sorted = false;
  private readonly slot = new Int32Array(MyersBatch.MAX_JOBS);
  private readonly table = new Int32Array(2 * MyersBatch.MAX_JOBS);
  private readonly bucketStart = new Int32Array(MyersBatch.BUCKETS + 1);

  /**
   * The four lanes of a group run as long as its longest job: jobs ordered by length (buckets of
   * 16 bytes, a counting sort) waste fewer steps than statements and their quotes side by side.
   */
  private sortJobs(): void {
    const base = MyersBatch.JOBS >> 2;
    const n = this.jobs;
    const i32 = this.i32;
    const starts = this.bucketStart;
    starts.fill(0);
    const top = MyersBatch.BUCKETS - 1;
    for (let j = 0; j < n; j++) {
      const b = i32[base + 2 * j + 1]! >> 4;
      starts[(b < top ? b : top) + 1]!++;
    }
    for (let b = 0; b < MyersBatch.BUCKETS; b++) starts[b + 1]! += starts[b]!;
    const table = this.table;
    table.set(i32.subarray(base, base + 2 * n));
    for (let j = 0; j < n; j++) {
      const b = table[2 * j + 1]! >> 4;
      const at = starts[b < top ? b : top]!++;
      this.slot[j] = at;
      i32[base + 2 * at] = table[2 * j]!;
      i32[base + 2 * at + 1] = table[2 * j + 1]!;
    }
    this.sorted = true;
  }
}
