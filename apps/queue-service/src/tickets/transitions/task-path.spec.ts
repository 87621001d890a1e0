import { isNextTask, nextTaskTime } from './task-path';

describe('BPJS task path', () => {
  it('accepts the new-patient path in order only', () => {
    expect(isNextTask([], 1, 'new')).toBe(true);
    expect(isNextTask([1], 2, 'new')).toBe(true);
    expect(isNextTask([1], 3, 'new')).toBe(false);
    expect(isNextTask([1, 2, 3, 4], 5, 'new')).toBe(true);
    expect(isNextTask([1, 2], 2, 'new')).toBe(false);
  });

  it('starts returning patients at 3 and ends any path with 99 or 7', () => {
    expect(isNextTask([], 3, 'returning')).toBe(true);
    expect(isNextTask([], 1, 'returning')).toBe(false);
    expect(isNextTask([3, 4], 99, 'returning')).toBe(true);
    expect(isNextTask([3, 99], 4, 'returning')).toBe(false);
    expect(isNextTask([3, 4, 5, 6, 7], 99, 'returning')).toBe(false);
  });

  it('keeps task times strictly increasing', () => {
    const t = new Date('2026-11-24T01:00:00.000Z');
    expect(nextTaskTime(t, t).getTime()).toBe(t.getTime() + 1);
    expect(nextTaskTime(t, new Date(t.getTime() + 5)).getTime()).toBe(t.getTime() + 5);
    expect(nextTaskTime(undefined, t)).toBe(t);
  });
});
