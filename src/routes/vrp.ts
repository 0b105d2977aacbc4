/** A validated ROA payload (RFC 6811): who may originate what, up to which length. */
export interface Vrp {
  prefix: string;
  start: number;
  end: number;
  length: number;
  maxLength: number;
  asn: number;
}
