/**
 * Runs `task` now and then again `intervalMs` after each run ends (never two at once), skipping
 * runs while the browser tab is hidden. Returns a function that stops it; use it as the return
 * value of an $effect.
 */
export function poll(task, intervalMs) {
  let timer;
  let stopped = false;

  async function run() {
    if (stopped) return;
    if (!globalThis.document?.hidden) {
      try {
        await task();
      } catch {
        // the task shows its own errors; polling goes on
      }
    }
    if (!stopped) timer = setTimeout(run, intervalMs);
  }

  run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
