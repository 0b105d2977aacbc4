// Announcements de-duplicated by (prefix, origin), held compactly: a map from one number per
// exact prefix to its origin (or origins), so a full table of a million prefixes seen by
// hundreds of peers costs one hash look-up per RIB entry and a few dozen MB.
import { formatPrefix, prefixMask } from '../net/ipv4.js';

/** An announcement's origin; null when its AS path ends in an AS_SET (it matches no VRP). */
export type Origin = number | null;

export interface Announcement {
  /** Canonical `a.b.c.d/len`. */
  prefix: string;
  start: number;
  end: number;
  length: number;
  origin: Origin;
}

const NO_ORIGIN = -1;

export class RouteSet {
  readonly #byPrefix = new Map<number, number | number[]>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Adds (network/length, origin) unless present; `network` has no host bits set. */
  add(network: number, length: number, origin: Origin): void {
    const key = network * 64 + length;
    const o = origin ?? NO_ORIGIN;
    const known = this.#byPrefix.get(key);
    if (known === undefined) this.#byPrefix.set(key, o);
    else if (typeof known === 'number') {
      if (known === o) return;
      this.#byPrefix.set(key, [known, o]);
    } else {
      if (known.includes(o)) return;
      known.push(o);
    }
    this.#size++;
  }

  /** Every announcement, in no particular order. */
  *[Symbol.iterator](): IterableIterator<Announcement> {
    for (const [key, origins] of this.#byPrefix) {
      const length = key % 64;
      const start = (key - length) / 64;
      const end = (start | ~prefixMask(length)) >>> 0;
      const prefix = formatPrefix(start, length);
      for (const o of typeof origins === 'number' ? [origins] : origins) yield { prefix, start, end, length, origin: o === NO_ORIGIN ? null : o };
    }
  }

  /** Calls `visit` with the raw fields of each announcement; no objects for those not wanted. */
  forEachRaw(visit: (start: number, length: number, origin: Origin) => void): void {
    for (const [key, origins] of this.#byPrefix) {
      const length = key % 64;
      const start = (key - length) / 64;
      if (typeof origins === 'number') visit(start, length, origins === NO_ORIGIN ? null : origins);
      else for (const o of origins) visit(start, length, o === NO_ORIGIN ? null : o);
    }
  }
}

export function announcement(start: number, length: number, origin: Origin): Announcement {
  return { prefix: formatPrefix(start, length), start, end: (start | ~prefixMask(length)) >>> 0, length, origin };
}
