import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { SourceFile } from './source-file.js';
import { parseYaml, type ParsedYaml } from './yaml-documents.js';

/** Below this much YAML a second thread costs more to start than it saves. */
const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;
const WORKER_TIMEOUT_MS = 120_000;
const WORKER_FILE = new URL('./parse-worker.js', import.meta.url);

/**
 * Parses every file, in order. A large repository is split in two: a worker thread
 * parses the second half while this thread parses the first, then this thread waits
 * for it synchronously (Atomics), so callers keep a synchronous loader. Without the
 * compiled worker (tests on sources, the bundled action) or on one core, or should the
 * worker fail, everything is parsed here.
 */
export function parseAll(files: readonly SourceFile[], env: NodeJS.ProcessEnv = process.env): ParsedYaml[] {
  if (!worthSplitting(files, env)) return files.map(parseYaml);
  const half = Math.ceil(files.length / 2);
  const theirs = startWorker(files.slice(half));
  const mine = files.slice(0, half).map(parseYaml);
  const parsed = theirs();
  if (env.LEASEKIT_DEBUG) process.stderr.write(`leasekit: ${files.length - half} of ${files.length} files parsed ${parsed ? 'on a second thread' : 'here after the worker failed'}\n`);
  return [...mine, ...(parsed ?? files.slice(half).map(parseYaml))];
}

function worthSplitting(files: readonly SourceFile[], env: NodeJS.ProcessEnv): boolean {
  if (env.LEASEKIT_PARALLEL === 'off' || files.length < 2) return false;
  const minBytes = env.LEASEKIT_PARALLEL_MIN_BYTES !== undefined ? Number(env.LEASEKIT_PARALLEL_MIN_BYTES) : PARALLEL_MIN_BYTES;
  if (os.availableParallelism() < 2 || !fs.existsSync(fileURLToPath(WORKER_FILE))) return false;
  let bytes = 0;
  for (const f of files) bytes += f.text.length;
  return bytes >= minBytes;
}

/** Starts a worker on `files`; the returned function waits for its results (undefined if it failed). */
function startWorker(files: readonly SourceFile[]): () => ParsedYaml[] | undefined {
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const job = { files: files.map((f) => [f.path, f.text]), port: port2, done };
  let worker: Worker;
  try {
    worker = new Worker(WORKER_FILE, { workerData: job, transferList: [port2] });
  } catch {
    return () => undefined;
  }
  worker.unref();
  return () => {
    const answered = Atomics.wait(done, 0, 0, WORKER_TIMEOUT_MS) !== 'timed-out';
    const reply = answered ? (receiveMessageOnPort(port1)?.message as { parsed?: ParsedYaml[] } | undefined) : undefined;
    port1.close();
    void worker.terminate();
    return reply?.parsed;
  };
}
