import fs from 'node:fs';
import path from 'node:path';
import { yamlValue } from '../util/yaml-value.js';

export const REGISTRIES = ['ripe', 'arin', 'apnic', 'lacnic', 'afrinic'] as const;
export type Registry = (typeof REGISTRIES)[number];

export interface InitOptions {
  /** The lessor's name: the self party. */
  name: string;
  asns: number[];
  holding?: { prefix: string; registry: Registry };
  /** What the new repository's package.json installs leasekit from. */
  packageSpec: string;
  /** Allow the documentation prefixes and ASNs (RFC 5737, RFC 5398): for trying leasekit out. */
  allowDocumentation?: boolean;
}

/** Where the installed leasekit package keeps what a new repository copies (workflows, templates). */
export const PACKAGE_ROOT = fileURLToDir(new URL('../../', import.meta.url));

/**
 * The files of a new lease repository, path -> text: settings with every policy and provider
 * block commented, the self party, one holding, the GitHub workflows, .gitignore, a README.
 * Values enter YAML only through yamlValue, never by raw interpolation.
 */
export function scaffoldFiles(options: InitOptions, packageRoot = PACKAGE_ROOT): Record<string, string> {
  const self = idFrom(options.name, 'self');
  const files: Record<string, string> = {
    'leasekit.yaml': settingsFile(options.allowDocumentation ?? false),
    'leases/parties.yaml': partyFile(self, options),
    '.gitignore': ['node_modules/', 'state/*.lock', '.leasekit-cache/', ''].join('\n'),
    'package.json': `${JSON.stringify({ name: `${self}-leases`, private: true, description: `${options.name}: lease records`, devDependencies: { leasekit: options.packageSpec } }, null, 2)}\n`,
    'README.md': readme(options),
  };
  if (options.holding) files['leases/holdings.yaml'] = holdingFile(options.holding);
  return { ...files, ...workflowFiles(packageRoot) };
}

/** A record id from free text: lower case, runs of other characters as one dash. */
export function idFrom(text: string, fallback: string): string {
  const id = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return id || fallback;
}

const MODELINE = '# yaml-language-server: $schema=../node_modules/leasekit/schema/record.schema.json';

function partyFile(id: string, options: InitOptions): string {
  return [
    MODELINE,
    '# Everyone you deal with. Exactly one party is `self`: the operator of this repository.',
    '# Add lessees below a `---` line: kind: party, id, name, asns, abuse, irrMaintainer, country.',
    'kind: party',
    `id: ${id}`,
    `name: ${yamlValue(options.name)}`,
    'self: true',
    `asns: ${yamlValue(options.asns)}`,
    '# abuse: abuse@example.net',
    '# irrMaintainer: EXAMPLE-MNT',
    '',
  ].join('\n');
}

function holdingFile(holding: NonNullable<InitOptions['holding']>): string {
  return [
    MODELINE,
    '# Address space you hold. ROAs and route objects go to the local registry until you',
    '# configure a real one in leasekit.yaml and name it here (rpki.provider, irr.provider).',
    'kind: holding',
    `id: ${idFrom(`${holding.registry}-${holding.prefix}`, 'holding')}`,
    `prefix: ${yamlValue(holding.prefix)}`,
    `registry: ${holding.registry}`,
    'source: allocation',
    'rpki: { provider: local, as0: true }',
    'irr: { provider: local }',
    '',
  ].join('\n');
}

function settingsFile(allowDocumentation: boolean): string {
  return `# yaml-language-server: $schema=./node_modules/leasekit/schema/leasekit.schema.json
# leasekit settings. Every key is optional; the values shown commented are the defaults.
policy:
  quarantineDays: 30           # rest period before space goes to a different counterparty
  # expiryWarningDays: 30      # warn about leases ending this soon that do not renew
${allowDocumentation ? '  allowDocumentationSpace: true  # documentation prefixes and ASNs (RFC 5737, RFC 5398): for trying out\n' : '  # allowDocumentationSpace: false\n'}  # publishLeadDays: 0         # publish a lease's ROAs this many days before it starts
  # withdrawGraceDays: 0       # ...and withdraw them this many days after it ends
# thresholds:                  # apply refuses past these unless --force
#   maxDeletePercent: 25
#   maxUpdatePercent: 50
#   minObjects: 10
providers:
  local:                       # a JSON file in this repository: try everything without credentials
    type: local
    path: state/local-registry.json
  # Real registries: credentials come only from the environment variables named here.
  # ripe-rpki: { type: ripe-rpki, apiKeyEnv: RIPE_RPKI_KEY }
  # arin-rpki: { type: arin-rpki, org: EXAMPLE-ORG, apiKeyEnv: ARIN_KEY }
  # krill:     { type: krill, baseUrl: "https://krill.example.net:3000", ca: example, tokenEnv: KRILL_TOKEN }
  # ripe-db:   { type: ripe-db, source: RIPE, apiKeyEnv: RIPE_DB_KEY }
  # irrd:      { type: irrd, baseUrl: "https://irr.example.net", source: EXAMPLE, apiKeyEnv: IRRD_KEY }
  # arin-irr:  { type: arin-irr, org: EXAMPLE-ORG, apiKeyEnv: ARIN_KEY }
`;
}

function readme(options: InitOptions): string {
  return `# ${options.name.replace(/[\r\n]+/g, ' ')}: lease records

The address space this organisation holds, the parties it deals with, and its contracts,
leases and routing delegations, as YAML records under \`leases/\`, checked and applied by
[leasekit](https://www.npmjs.com/package/leasekit).

\`\`\`sh
npm install                 # installs leasekit (package.json) and writes package-lock.json
npx leasekit validate       # check the records
npx leasekit plan           # the ROAs and route objects they imply, against the registries
\`\`\`

- Add records under \`leases/\`: \`npx leasekit explain lease-overlap\` (or any rule code) says what a
  finding means; \`npx leasekit propose lease --help\` adds a lease through a pull request.
- Already have ROAs at your registry? Run \`npx leasekit import --provider NAME\` before your first
  \`apply\`, so that leasekit knows them instead of planning to delete them.
- \`.github/workflows/\` validates and plans every pull request and applies what was approved;
  set the registry secrets they name before enabling them.
`;
}

/** The package's own workflows, running the installed leasekit instead of a checkout of its source. */
function workflowFiles(packageRoot: string): Record<string, string> {
  const dir = path.join(packageRoot, '.github', 'workflows');
  if (!fs.existsSync(dir)) return {};
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.yml')).sort()) {
    files[`.github/workflows/${name}`] = fs.readFileSync(path.join(dir, name), 'utf8').replaceAll('node bin/leasekit.js', 'npx --no-install leasekit');
  }
  return files;
}

function fileURLToDir(url: URL): string {
  return path.resolve(decodeURIComponent(url.pathname));
}
