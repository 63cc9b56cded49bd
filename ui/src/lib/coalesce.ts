// Typing in a filter asks the database at once, never one query per keystroke in a queue:
// while a query runs, further keystrokes fold into one more query after it.

/**
 * Wraps `task` so that a call starts it at once when idle, and a call while it runs makes
 * it run exactly once more afterwards. The promise resolves when the run that includes
 * this call's input has finished.
 */
export function coalesce(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await task();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
}
