// Route-origin validation (RFC 6811) over an index of VRPs. Announcement and VRP prefixes are
// CIDR blocks, so the VRPs covering an announcement are exactly those whose prefix equals the
// announcement's masked to one of the VRP lengths present: at most 33 hash look-ups each.
import { prefixMask } from '../net/ipv4.js';
import type { Origin } from '../routes/route-set.js';
import type { Vrp } from '../routes/vrp.js';

export type RpkiState = 'valid' | 'invalid' | 'not-found';

export class VrpIndex {
  readonly #byPrefix = new Map<number, Vrp[]>();
  #lengths: number[] = [];

  constructor(vrps: Iterable<Vrp> = []) {
    for (const v of vrps) this.add(v);
  }

  add(vrp: Vrp): void {
    const key = vrp.start * 64 + vrp.length;
    const same = this.#byPrefix.get(key);
    if (same) same.push(vrp);
    else {
      this.#byPrefix.set(key, [vrp]);
      if (!this.#lengths.includes(vrp.length)) this.#lengths = [...this.#lengths, vrp.length].sort((a, b) => a - b);
    }
  }

  /** Removes one VRP equal in prefix, maxLength and ASN; false when there is none. */
  remove(vrp: Pick<Vrp, 'start' | 'length' | 'maxLength' | 'asn'>): boolean {
    const same = this.#byPrefix.get(vrp.start * 64 + vrp.length);
    const i = same ? same.findIndex((v) => v.maxLength === vrp.maxLength && v.asn === vrp.asn) : -1;
    if (i < 0) return false;
    same!.splice(i, 1);
    return true;
  }

  /** RFC 6811: valid when a covering VRP has this origin (never AS0) and a maxLength at least the length. */
  validate(start: number, length: number, origin: Origin): RpkiState {
    let covered = false;
    for (const l of this.#lengths) {
      if (l > length) break;
      const covering = this.#byPrefix.get(((start & prefixMask(l)) >>> 0) * 64 + l);
      if (covering === undefined || covering.length === 0) continue;
      covered = true;
      if (origin === null || origin === 0) continue;
      for (const v of covering) if (v.asn === origin && v.maxLength >= length) return 'valid';
    }
    return covered ? 'invalid' : 'not-found';
  }
}
