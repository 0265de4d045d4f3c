/**
 * The name a misspelling most likely meant, for error messages whose lists of names run long
 * ("did you mean 'mechanisms.association'?").
 */

/** Edit distance (insertions, deletions, substitutions, each 1), stopping early past `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The one candidate within a few edits of `name` (about one per four characters, at least one,
 * ignoring case), or undefined when none is, or when two are equally close.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const candidate of candidates) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase(), limit);
    if (d < bestDistance) [best, bestDistance, tie] = [candidate, d, false];
    else if (d === bestDistance && candidate !== best) tie = true;
  }
  return best !== undefined && !tie ? best : undefined;
}

/** ` (did you mean 'x'?)` when a candidate is close to `name`, else ''. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const close = closestName(name, candidates);
  return close === undefined ? '' : ` (did you mean '${close}'?)`;
}
