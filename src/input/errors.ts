/** An input file (routes, VRPs) that cannot be read: names the file and, where it applies, the line. */
export class InputFileError extends Error {
  constructor(
    readonly file: string,
    detail: string,
    readonly line?: number,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${detail}`);
  }
}
