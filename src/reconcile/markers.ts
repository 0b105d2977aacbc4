import { createHash } from 'node:crypto';

/**
 * Hidden lines at the top of what reconcile opens: the first names the kind (how it finds its own
 * issue or pull request again), the second holds a key of the content (how it tells "the same
 * thing again" from "something new").
 */
export function markerLine(kind: string): string {
  return `<!-- leasekit:${kind} -->`;
}

export function keyLine(key: string): string {
  return `<!-- leasekit:key ${key} -->`;
}

export function keyOf(parts: readonly string[]): string {
  return `sha256:${createHash('sha256').update(parts.join('\n')).digest('hex')}`;
}

export function hasMarker(body: string | null | undefined, kind: string): boolean {
  return (body ?? '').startsWith(`${markerLine(kind)}\n`);
}

export function keyIn(body: string | null | undefined): string | undefined {
  return /^<!-- leasekit:key (sha256:[0-9a-f]{64}) -->$/m.exec(body ?? '')?.[1];
}
