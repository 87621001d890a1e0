/**
 * BPJS task ids: 1 wait admisi · 2 admisi service · 3 wait poli · 4 poli service · 5 wait pharmacy
 * (end of poli) · 6 pharmacy service · 7 medicine handed over · 99 cancelled / no-show.
 * New patients go 1→2→3→4→5(→6→7); returning patients 3→4→5(→6→7).
 */
export const NEW_PATIENT_PATH = [1, 2, 3, 4, 5, 6, 7] as const;
export const RETURNING_PATIENT_PATH = [3, 4, 5, 6, 7] as const;

/** Whether `next` may follow the tasks already recorded, on this patient's path. */
export function isNextTask(recorded: number[], next: number, kind: 'new' | 'returning'): boolean {
  if (recorded.includes(next)) return false;
  if (recorded.includes(99) || recorded.includes(7)) return false;
  if (next === 99) return true;
  const path: readonly number[] = kind === 'new' ? NEW_PATIENT_PATH : RETURNING_PATIENT_PATH;
  const at = path.indexOf(next);
  if (at < 0) return false;
  const last = Math.max(0, ...recorded.filter((t) => t !== 99));
  const expectedPrev = at === 0 ? 0 : path[at - 1];
  return last === expectedPrev;
}

/** Task timestamps must strictly increase: a later task never carries an earlier or equal time. */
export function nextTaskTime(previous: Date | undefined, now: Date): Date {
  if (previous && now.getTime() <= previous.getTime()) return new Date(previous.getTime() + 1);
  return now;
}
