import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { RefusalError } from '../errors.js';
import { loadRepository } from '../repo/load.js';
import { validate } from '../rules/index.js';
import { scaffoldFiles, type InitOptions } from './scaffold.js';

export interface Created {
  root: string;
  files: string[];
}

/** Validation refused the new repository (bad prefix, reserved ASN): nothing was written. */
export class InitRefusal extends RefusalError {
  constructor(
    readonly diagnostics: Diagnostic[],
    readonly records: number,
  ) {
    super('the new repository would not validate; nothing was written');
  }
}

/**
 * Writes a new lease repository into `root` (created if missing), all or nothing: the files are
 * made and validated in a scratch folder first, and only a clean result is copied in. An existing
 * repository, or any file in the way, is refused.
 */
export function createRepository(root: string, options: InitOptions, at: string): Created {
  const files = scaffoldFiles(options);
  const inTheWay = [...new Set(['leasekit.yaml', 'leases', ...Object.keys(files)])].filter((f) => fs.existsSync(path.join(root, f)));
  if (inTheWay.length) throw new RefusalError(`${root} already has ${inTheWay.slice(0, 3).join(', ')}: leasekit init starts a new repository and overwrites nothing`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-init-'));
  try {
    writeAll(scratch, files);
    const repo = loadRepository(scratch);
    const diagnostics = validate(repo, at).diagnostics.filter((d) => d.severity === 'error');
    if (diagnostics.length) throw new InitRefusal(diagnostics, repo.records.length);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  writeAll(root, files);
  return { root, files: Object.keys(files).sort() };
}

function writeAll(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text, { flag: 'wx' });
  }
}
