/**
 * The scheduler's only source of time. Production uses the system clock; tests drive a
 * ManualClock so a week of digests runs in milliseconds and daylight-saving days can be replayed.
 */
export interface Clock {
  now(): Date;
  /** Calls `fn` once after `ms` milliseconds; returns a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

/** Node timers cannot wait longer than this (about 24.8 days); longer waits are re-armed. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => new Date(),
  setTimer(fn, ms) {
    const t = setTimeout(fn, Math.min(Math.max(0, ms), MAX_TIMER_MS));
    // Digests alone must not keep a process (a CLI run, a test worker) alive.
    t.unref();
    return () => clearTimeout(t);
  },
};

interface ManualTimer {
  id: number;
  at: number;
  fn: () => void;
}

/** A clock that only moves when told to; timers fire in time order as it passes them. */
export class ManualClock implements Clock {
  private time: number;
  private timers: ManualTimer[] = [];
  private seq = 0;

  constructor(start: Date | string | number) {
    this.time = new Date(start).getTime();
    if (Number.isNaN(this.time)) throw new Error(`ManualClock: invalid start ${String(start)}`);
  }

  now(): Date {
    return new Date(this.time);
  }

  setTimer(fn: () => void, ms: number): () => void {
    const timer: ManualTimer = { id: ++this.seq, at: this.time + Math.max(0, ms), fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** When the earliest pending timer is due, or null when none is pending. */
  nextTimerAt(): Date | null {
    const next = this.earliest();
    return next ? new Date(next.at) : null;
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /**
   * Fires the earliest timer due at or before `limit` (moving the time to it); returns false
   * when there is none. Tests alternate this with waiting for the work a timer started.
   */
  fireNext(limit: Date | number): boolean {
    const next = this.earliest();
    if (!next || next.at > new Date(limit).getTime()) return false;
    this.timers = this.timers.filter((t) => t !== next);
    this.time = Math.max(this.time, next.at);
    next.fn();
    return true;
  }

  /** Moves the time without firing anything (timers already due fire on the next fireNext). */
  set(to: Date | number | string): void {
    const t = new Date(to).getTime();
    if (t < this.time) throw new Error('ManualClock: time only moves forwards');
    this.time = t;
  }

  private earliest(): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const t of this.timers) if (!best || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t;
    return best;
  }
}
