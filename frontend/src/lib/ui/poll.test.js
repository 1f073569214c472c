import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { poll } from './poll.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('runs at once, then every interval after each run, until stopped', async () => {
  const task = vi.fn(async () => {});

  const stop = poll(task, 3000);
  await vi.advanceTimersByTimeAsync(0);
  expect(task).toHaveBeenCalledTimes(1);

  await vi.advanceTimersByTimeAsync(3000);
  await vi.advanceTimersByTimeAsync(3000);
  expect(task).toHaveBeenCalledTimes(3);

  stop();
  await vi.advanceTimersByTimeAsync(10000);
  expect(task).toHaveBeenCalledTimes(3);
});

it('keeps polling after a failed run', async () => {
  const task = vi.fn().mockRejectedValueOnce(new Error('hub down')).mockResolvedValue(undefined);

  const stop = poll(task, 1000);
  await vi.advanceTimersByTimeAsync(1000);
  stop();

  expect(task).toHaveBeenCalledTimes(2);
});
