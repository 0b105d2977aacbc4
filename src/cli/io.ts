/** What a command reads from and writes to: the process's streams and environment, or a test's. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  cwd: string;
  /** Asks a question on the terminal; only called when isTTY. */
  prompt?: (question: string) => Promise<string>;
}
