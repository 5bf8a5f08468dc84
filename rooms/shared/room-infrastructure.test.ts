import { describe, expect, it } from 'vitest';
import { MessageBudget } from './message-budget';
import { SerialQueue } from './serial-queue';

describe('MessageBudget', () => {
  it('allows a burst, then refills at the given rate', () => {
    const budget = new MessageBudget(3, 2, 0);
    expect([budget.take(0), budget.take(0), budget.take(0), budget.take(0)]).toEqual([true, true, true, false]);
    expect(budget.take(400)).toBe(false); // 0.8 of a token
    expect(budget.take(500)).toBe(true); // 1 token after half a second at 2/s
    expect(budget.take(500)).toBe(false);
  });

  it('never stores more than the burst', () => {
    const budget = new MessageBudget(2, 10, 0);
    const taken = [0, 0, 0].map(() => budget.take(60_000));
    expect(taken).toEqual([true, true, false]);
  });
});

describe('SerialQueue', () => {
  it('runs jobs one at a time, in order', async () => {
    const queue = new SerialQueue(10, () => undefined);
    const log: string[] = [];
    const job = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
    };
    queue.push(job('a', 20));
    queue.push(job('b', 1));
    await queue.drained();
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('refuses jobs beyond its capacity and keeps going after a failing job', async () => {
    const errors: unknown[] = [];
    const queue = new SerialQueue(2, (e) => errors.push(e));
    let ran = 0;
    expect(queue.push(async () => { throw new Error('boom'); })).toBe(true);
    expect(queue.push(async () => { ran++; })).toBe(true);
    expect(queue.push(async () => { ran++; })).toBe(false);
    await queue.drained();
    expect(ran).toBe(1);
    expect(errors).toHaveLength(1);
    expect(queue.push(async () => { ran++; })).toBe(true);
    await queue.drained();
    expect(ran).toBe(2);
  });
});
