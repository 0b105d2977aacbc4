declare module 'unbzip2-stream' {
  import type { Stream } from 'node:stream';
  /** A through stream that decompresses bzip2; a classic (pre-streams2) stream. */
  export default function unbzip2Stream(): Stream & NodeJS.ReadWriteStream;
}
