// IPv4 address ranges for the Krill fake, written apart from the adapter's block code so the
// two cannot share a mistake. Krill's resource sets (`ipv4: "10.0.0.0/8, 10.1.0.0-10.1.2.255"`)
// are normalised: overlapping and adjacent ranges join (rpki-rs `IpBlocks`, used by
// krill `src/commons/api/ca.rs` ResourceSet).

export interface Range {
  first: number;
  last: number;
}

function addressValue(text: string): number {
  const octets = text.trim().split('.');
  if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o) || Number(o) > 255)) throw new Error(`'${text}' is not an IPv4 address`);
  return octets.reduce((acc, o) => acc * 256 + Number(o), 0);
}

function addressText(value: number): string {
  return [3, 2, 1, 0].map((i) => Math.floor(value / 256 ** i) % 256).join('.');
}

export function rangeOfPrefix(prefix: string): Range {
  const [address, lengthText] = prefix.split('/');
  const length = Number(lengthText);
  if (!/^\d{1,2}$/.test(lengthText ?? '') || length > 32) throw new Error(`'${prefix}' is not an IPv4 prefix`);
  const size = 2 ** (32 - length);
  const first = addressValue(address);
  if (first % size !== 0) throw new Error(`'${prefix}' has host bits set`);
  return { first, last: first + size - 1 };
}

/** `a.b.c.d/n` or `a.b.c.d-e.f.g.h` items separated by commas. */
export function parseRanges(text: string): Range[] {
  const ranges = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      if (item.includes('/')) return rangeOfPrefix(item);
      const [from, to = from] = item.split('-');
      const range = { first: addressValue(from), last: addressValue(to) };
      if (range.first > range.last) throw new Error(`'${item}' is not an IPv4 range`);
      return range;
    });
  return normalise(ranges);
}

export function normalise(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const r of [...ranges].sort((a, b) => a.first - b.first)) {
    const tail = out.at(-1);
    if (tail && r.first <= tail.last + 1) tail.last = Math.max(tail.last, r.last);
    else out.push({ ...r });
  }
  return out;
}

/** Every address of `inner` lies in one of the (normalised) ranges. */
export function inside(ranges: readonly Range[], inner: Range): boolean {
  return normalise(ranges).some((r) => r.first <= inner.first && inner.last <= r.last);
}

/** Krill prints a range as a prefix when it is exactly one, else as `first-last`. */
export function rangesText(ranges: readonly Range[]): string {
  return normalise(ranges)
    .map((r) => {
      const size = r.last - r.first + 1;
      const bits = Math.log2(size);
      return Number.isInteger(bits) && r.first % size === 0 ? `${addressText(r.first)}/${32 - bits}` : `${addressText(r.first)}-${addressText(r.last)}`;
    })
    .join(', ');
}
