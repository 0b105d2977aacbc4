import { LeasekitError } from '../errors.js';

/** An input file (routes, VRPs) that cannot be read: names the file and, where it applies, the line. Exit 2. */
export class InputFileError extends LeasekitError {
  readonly exitCode = 2;

  constructor(
    readonly file: string,
    detail: string,
    readonly line?: number,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${detail}`);
  }
}
