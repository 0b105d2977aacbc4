// Hilbert-curve layout for address-space maps: consecutive addresses stay close together,
// and every aligned CIDR block becomes a square (or two side by side), as on the classic IPv4 maps.

/** The (x, y) of step `d` on a Hilbert curve filling a side x side square (side a power of two). */
export function hilbertPoint(side: number, d: number): [number, number] {
  let x = 0;
  let y = 0;
  let t = d;
  for (let s = 1; s < side; s *= 2) {
    const rx = 1 & (t >>> 1);
    const ry = 1 & (t ^ rx);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const swap = x;
      x = y;
      y = swap;
    }
    x += s * rx;
    y += s * ry;
    t = Math.floor(t / 4);
  }
  return [x, y];
}

export interface Grid {
  columns: number;
  rows: number;
  /** Cell `i` (in address order) at (x, y). */
  position(i: number): [number, number];
}

/** 2^bits cells: one Hilbert square for even bits, two side by side (first half left) for odd. */
export function hilbertGrid(bits: number): Grid {
  const half = bits >> 1;
  const side = 2 ** half;
  if (bits % 2 === 0) return { columns: side, rows: side, position: (i) => hilbertPoint(side, i) };
  const perSquare = side * side;
  return {
    columns: side * 2,
    rows: side,
    position: (i) => {
      const [x, y] = hilbertPoint(side, i % perSquare);
      return [i >= perSquare ? x + side : x, y];
    },
  };
}
