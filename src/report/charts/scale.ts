// Axis scales with round tick values (1, 2, 5 × 10^k), so gridlines fall on numbers people read
// at a glance.

export function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Ticks from 0 to at least `max`, about `count` intervals; whole steps when the data are whole. */
export function linearTicks(max: number, count = 4, integer = true): number[] {
  const top = max > 0 ? max : 1;
  let step = niceStep(top / count);
  if (integer) step = Math.max(1, step);
  const ticks: number[] = [];
  // Tick values are multiplied, not accumulated, so 0.1 steps do not drift to 0.30000000000000004.
  for (let i = 0; ; i++) {
    const tick = Number((i * step).toPrecision(12));
    ticks.push(tick);
    if (tick >= top) break;
  }
  return ticks;
}
