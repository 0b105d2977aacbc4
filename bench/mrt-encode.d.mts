export type Segment = [type: number, asns: number[]];
export function record(timestamp: number, type: number, subtype: number, body: number[]): Buffer;
export function attribute(flags: number, type: number, value: number[]): number[];
export function asPathValue(segments: Segment[], asSize?: 2 | 4): number[];
export function routeAttributes(options: { segments: Segment[]; asSize?: 2 | 4; nextHop?: string; as4Segments?: Segment[]; origin?: number }): number[];
export function peerIndexTable(peers: Array<{ address: string; asn: number }>, timestamp?: number): Buffer;
export interface RibEntry {
  peer: number;
  time?: number;
  pathId?: number;
  attributes: number[];
}
export function ribIpv4(sequence: number, prefix: string, entries: RibEntry[], options?: { timestamp?: number; generic?: boolean }): Buffer;
export function ribIpv6(sequence: number, timestamp?: number): Buffer;
export function tableDumpV1(options: { prefix: string; peerAddress: string; peerAs: number; attributes: number[]; time?: number; sequence?: number }): Buffer;
