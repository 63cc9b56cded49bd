import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce';

/** A task whose runs finish only when the test says so. */
function controlled() {
  const pending: (() => void)[] = [];
  let runs = 0;
  const task = () =>
    new Promise<void>((resolve) => {
      runs += 1;
      pending.push(resolve);
    });
  const finishNext = async () => {
    pending.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { task, finishNext, runs: () => runs };
}

describe('typing in a filter', () => {
  it('asks at once when nothing is running', () => {
    const c = controlled();
    void coalesce(c.task)();
    expect(c.runs()).toBe(1);
  });

  it('folds keystrokes typed during a query into exactly one more query', async () => {
    const c = controlled();
    const refresh = coalesce(c.task);
    void refresh();
    void refresh();
    void refresh();
    void refresh();
    expect(c.runs()).toBe(1);
    await c.finishNext();
    expect(c.runs()).toBe(2);
    await c.finishNext();
    expect(c.runs()).toBe(2);
  });

  it('resolves a keystroke only after the query that includes it has answered', async () => {
    const c = controlled();
    const refresh = coalesce(c.task);
    void refresh();
    let lastDone = false;
    void refresh().then(() => (lastDone = true));
    await c.finishNext();
    expect(lastDone).toBe(false);
    await c.finishNext();
    expect(lastDone).toBe(true);
  });

  it('starts afresh after a failed query', async () => {
    let runs = 0;
    const refresh = coalesce(async () => {
      runs += 1;
      if (runs === 1) throw new Error('database busy');
    });
    await expect(refresh()).rejects.toThrow('database busy');
    await refresh();
    expect(runs).toBe(2);
  });
});
