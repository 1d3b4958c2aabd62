/**
 * The process's peak resident memory while a cell runs: sampled every 100 ms by a timer, and
 * at every progress report of the cell (the timer cannot fire while the thread computes).
 * The process is shared by every thread, so this is the whole process's peak, as `ps` shows it.
 */
export interface RssSampler {
  /** Takes a sample now (cheap enough for progress callbacks: at most one every 20 ms). */
  sample(): void;
  /** Stops the timer; the peak in MB. */
  stop(): number;
}

export function rssSampler(): RssSampler {
  let peak = process.memoryUsage.rss();
  let last = performance.now();
  const take = (): void => {
    peak = Math.max(peak, process.memoryUsage.rss());
    last = performance.now();
  };
  const timer = setInterval(take, 100);
  timer.unref();
  return {
    sample() {
      if (performance.now() - last >= 20) take();
    },
    stop() {
      clearInterval(timer);
      take();
      return Math.round(peak / 1e5) / 10;
    },
  };
}
