/** MRT input that cannot be read: truncated or corrupt at `offset` (bytes into the uncompressed stream). */
export class MrtError extends Error {
  constructor(
    readonly offset: number,
    readonly detail: string,
  ) {
    super(`${detail} at byte offset ${offset}`);
  }
}
