// Parses the record files it is given on a second core; see parallel-parse.ts.
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { SourceFile } from './source-file.js';
import { parseYaml } from './yaml-documents.js';

interface Job {
  files: Array<[string, string]>;
  port: MessagePort;
  done: Int32Array;
}

const { files, port, done } = workerData as Job;
try {
  port.postMessage({ parsed: files.map(([path, text]) => parseYaml(new SourceFile(path, text))) });
} catch (err) {
  port.postMessage({ error: String((err as Error)?.message ?? err) });
} finally {
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}
