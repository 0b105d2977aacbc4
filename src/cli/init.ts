import path from 'node:path';
import { UsageError } from '../errors.js';
import { createRepository, InitRefusal } from '../init/create.js';
import { REGISTRIES, type InitOptions } from '../init/scaffold.js';
import { packageVersion } from '../version.js';
import { diagnosticsText } from '../render/diagnostics.js';
import { oneOf, stringFlag, type CommandSpec, type Flags, type ParsedArgs } from './command.js';
import { AT_FLAG, dayFlag, type Io } from './common.js';

export const initCommand: CommandSpec = {
  name: 'init',
  summary: 'start a new lease repository: settings, the self party, a holding, the workflows',
  args: '[DIR]',
  positionals: { max: 1 },
  description:
    'Writes leasekit.yaml (every policy and provider block, commented), leases/ with your own party and\n' +
    'one holding, the GitHub workflows, .gitignore, package.json and a README into DIR (default: here).\n' +
    'The result is validated before anything is written; an existing repository is never overwritten.',
  flags: {
    name: { type: 'string', value: 'NAME', description: 'your organisation, the self party (required)' },
    asn: { type: 'string', value: 'ASN', description: 'an ASN of yours, in plain decimal (required)', multiple: true },
    holding: { type: 'string', value: 'CIDR', description: 'a block you hold, e.g. 185.50.0.0/22' },
    registry: { type: 'string', value: REGISTRIES.join('|'), description: "the holding's registry (required with --holding)" },
    'allow-documentation': { type: 'boolean', description: 'allow the documentation prefixes and ASNs (192.0.2.0/24, AS64500...): for trying leasekit out' },
    package: { type: 'string', value: 'SPEC', description: "what the new package.json installs leasekit from", default: 'leasekit@^<this version>' },
    at: AT_FLAG,
  },
  examples: [
    'leasekit init my-leases --name "Example Networks B.V." --asn 212100 --holding 185.50.0.0/22 --registry ripe',
    'leasekit init try-out --name "Example" --asn 64500 --holding 192.0.2.0/24 --registry ripe --allow-documentation',
  ],
  exitCodes: { 1: 'the repository would not validate (the findings are printed), or files are in the way' },
  run: runInit,
};

export async function runInit({ flags, positional }: ParsedArgs, io: Io): Promise<number> {
  const root = path.resolve(io.cwd, positional[0] ?? '.');
  const options = initOptions(flags);
  try {
    const created = createRepository(root, options, dayFlag(flags));
    const where = path.relative(io.cwd, root) || '.';
    io.stdout(`leasekit: started a lease repository in ${where}:\n${created.files.map((f) => `  ${f}\n`).join('')}`);
    io.stdout(`next: cd ${where} && npm install && npx leasekit validate\n`);
    return 0;
  } catch (err) {
    if (err instanceof InitRefusal) io.stdout(diagnosticsText({ ok: false, records: err.records, errors: err.diagnostics.length, warnings: 0, diagnostics: err.diagnostics }));
    throw err;
  }
}

function initOptions(flags: Flags): InitOptions {
  const name = stringFlag(flags, 'name')?.trim();
  if (!name) throw new UsageError('init needs --name NAME: your organisation, the self party');
  const asns = (stringFlag(flags, 'asn') ?? '').split(',').filter(Boolean).map(asnValue);
  if (asns.length === 0) throw new UsageError('init needs --asn ASN: an ASN of yours, in plain decimal (e.g. --asn 64500)');
  const prefix = stringFlag(flags, 'holding');
  const registry = oneOf(stringFlag(flags, 'registry'), REGISTRIES, 'registry');
  if (prefix !== undefined && registry === undefined) throw new UsageError(`--holding needs --registry (${REGISTRIES.join(', ')})`);
  if (prefix === undefined && registry !== undefined) throw new UsageError('--registry goes with --holding PREFIX');
  return { name, asns, holding: prefix && registry ? { prefix, registry } : undefined, packageSpec: stringFlag(flags, 'package') ?? `leasekit@^${packageVersion()}`, allowDocumentation: flags['allow-documentation'] === true };
}

function asnValue(text: string): number {
  if (!/^(0|[1-9]\d{0,9})$/.test(text) || Number(text) > 4294967295) throw new UsageError(`--asn takes ASNs in plain decimal (0 to 4294967295), got '${text}'`);
  return Number(text);
}
