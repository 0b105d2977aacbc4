// "Did you mean": the known name a mistyped one most likely meant. Used for kinds, fields,
// references and flags, so that every hint follows the same rule.

/**
 * The candidate closest to `input`: the same word in other case; else one within a small edit
 * distance (1 for words of up to 3 characters, 2 up to 8, then a third of the length); else one
 * that `input` begins (`hooli` for `hooli-2027`). Ties go to the first candidate. Undefined when
 * nothing is close: a wild guess is worse than none.
 */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  const limit = needle.length <= 3 ? 1 : needle.length <= 8 ? 2 : Math.floor(needle.length / 3);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const hay = candidate.toLowerCase();
    if (hay === needle) return candidate;
    const score = closeness(needle, hay, limit, Math.min(limit, Math.floor(bestScore)));
    if (score < bestScore) [best, bestScore] = [candidate, score];
  }
  return best;
}

/**
 * How close `hay` is (lower is closer; Infinity: not at all): the edit distance up to `limit`,
 * else, when `needle` begins `hay`, just above the limit (a nearby typo wins, then the shortest
 * completion). Distances above `bound` cannot beat the best so far and are not worked out.
 */
function closeness(needle: string, hay: string, limit: number, bound: number): number {
  if (Math.abs(needle.length - hay.length) <= bound) {
    const distance = editDistance(needle, hay, bound);
    if (distance <= bound) return distance;
  }
  if (needle.length >= 3 && hay.startsWith(needle)) return limit + 0.5 + (hay.length - needle.length) / 1e6;
  return Infinity;
}

/** Levenshtein distance, or `bound + 1` as soon as it must exceed `bound`. */
function editDistance(a: string, b: string, bound: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > bound) return bound + 1;
    previous = current;
  }
  return previous[b.length];
}
