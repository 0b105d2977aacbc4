// Loads record files on a second core, chunk by chunk from the shared counter; see parallel-load.ts.
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { loadFile, type LoadedFile } from './file-records.js';
import { CHUNK_FILES, claim, type SharedProgress } from './parallel-load.js';

interface Job extends SharedProgress {
  root: string;
  paths: string[];
  port: MessagePort;
}

const job = workerData as Job;
for (;;) {
  // count the chunk as in flight before claiming it, so the main thread never misses one
  Atomics.add(job.pending, 0, 1);
  const first = claim(job);
  try {
    if (first >= job.paths.length) break;
    const files: LoadedFile[] = [];
    for (let i = first; i < Math.min(first + CHUNK_FILES, job.paths.length); i++) files.push(loadFile(job.root, job.paths[i]));
    job.port.postMessage({ first, files });
  } catch {
    break; // the main thread loads what was not delivered
  } finally {
    Atomics.sub(job.pending, 0, 1);
    Atomics.notify(job.pending, 0);
  }
}
