import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { loadFile, type LoadedFile } from './file-records.js';

/** Below this many files a second thread costs more to start than it saves. */
const PARALLEL_MIN_FILES = 2000;
/** Files claimed at a time: small enough to balance bytes between the threads, large enough to post few messages. */
export const CHUNK_FILES = 32;
const WORKER_TIMEOUT_MS = 120_000;
const WORKER_FILE = new URL('./load-worker.js', import.meta.url);

/** What the two threads share: the next unclaimed file index, and how many chunks the worker has claimed but not posted. */
export interface SharedProgress {
  next: Int32Array;
  pending: Int32Array;
}

/**
 * Loads every file, in order. With many files a worker thread helps: both threads claim
 * chunks of files from one shared counter (so a thread that meets large files simply
 * claims fewer), and each reads, parses and schema-checks its own. This thread then waits
 * for the worker's chunks in flight (Atomics, so callers keep a synchronous loader) and
 * takes its results, copied once by the message port. Without the compiled worker (tests on
 * sources, the bundled action), on one core, or should the worker fail, the files it did
 * not deliver are loaded here.
 */
export function loadAll(root: string, paths: readonly string[], env: NodeJS.ProcessEnv = process.env): LoadedFile[] {
  const results = new Array<LoadedFile | undefined>(paths.length);
  const load = (i: number) => (results[i] = loadFile(root, paths[i]));
  const helper = worthAWorker(paths, env) ? startWorker(root, paths) : undefined;
  if (!helper) {
    for (let i = 0; i < paths.length; i++) load(i);
    return results as LoadedFile[];
  }
  for (let first = claim(helper.progress); first < paths.length; first = claim(helper.progress)) {
    for (let i = first; i < Math.min(first + CHUNK_FILES, paths.length); i++) load(i);
  }
  const delivered = helper.collect(results);
  if (env.LEASEKIT_DEBUG) process.stderr.write(`leasekit: ${delivered} of ${paths.length} files loaded on a second thread\n`);
  for (let i = 0; i < paths.length; i++) if (!results[i]) load(i); // what a failed worker left
  return results as LoadedFile[];
}

export function claim(progress: SharedProgress): number {
  return Atomics.add(progress.next, 0, CHUNK_FILES);
}

function worthAWorker(paths: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (env.LEASEKIT_PARALLEL === 'off') return false;
  const minFiles = env.LEASEKIT_PARALLEL_MIN_FILES !== undefined ? Number(env.LEASEKIT_PARALLEL_MIN_FILES) : PARALLEL_MIN_FILES;
  return paths.length >= Math.max(2, minFiles) && os.availableParallelism() >= 2 && fs.existsSync(fileURLToPath(WORKER_FILE));
}

interface Helper {
  progress: SharedProgress;
  /** Waits for the chunks in flight, puts what arrived into `results`, stops the worker; returns how many files it loaded. */
  collect(results: Array<LoadedFile | undefined>): number;
}

function startWorker(root: string, paths: readonly string[]): Helper | undefined {
  const progress = { next: new Int32Array(new SharedArrayBuffer(4)), pending: new Int32Array(new SharedArrayBuffer(4)) };
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(WORKER_FILE, { workerData: { root, paths, port: port2, ...progress }, transferList: [port2] });
  } catch {
    return undefined;
  }
  worker.unref();
  return {
    progress,
    collect(results) {
      const deadline = Date.now() + WORKER_TIMEOUT_MS;
      // close the counter, so a worker still starting claims nothing, then wait for its chunks in flight
      Atomics.store(progress.next, 0, paths.length);
      for (let inFlight = Atomics.load(progress.pending, 0); inFlight > 0 && Date.now() < deadline; inFlight = Atomics.load(progress.pending, 0)) {
        Atomics.wait(progress.pending, 0, inFlight, deadline - Date.now());
      }
      let delivered = 0;
      for (let message = receiveMessageOnPort(port1); message; message = receiveMessageOnPort(port1)) {
        const { first, files } = message.message as { first: number; files: LoadedFile[] };
        files.forEach((file, i) => (results[first + i] = file));
        delivered += files.length;
      }
      port1.close();
      void worker.terminate();
      return delivered;
    },
  };
}
