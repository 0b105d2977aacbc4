import fs from 'node:fs';
import path from 'node:path';
import { fitBody } from '../github/body-limit.js';
import { baseBranch, targetRepo } from '../github/target-repo.js';
import { LEASEKIT_LABEL, upsertPull } from '../github/pull-requests.js';
import { commitToBranch, REMOTE } from '../git/branch-commit.js';
import { openGit } from '../git/git-client.js';
import { clientFromEnv } from '../github/client.js';
import type { Term } from '../model/dates.js';
import { Resolved } from '../resolve/resolved.js';
import { makePlan } from '../plan/make-plan.js';
import { leaseInputFrom, type LeaseInput } from '../propose/lease-input.js';
import { proposalBody, proposalTitle } from '../propose/pull-body.js';
import { leaseFilePath, renderLeaseFile } from '../propose/lease-file.js';
import { repositoryWith } from '../propose/with-file.js';
import { loadRepository, type Repository } from '../repo/load.js';
import { diagnosticsText, validationReport } from '../render/diagnostics.js';
import { planMarkdown } from '../render/plan-markdown.js';
import { planText } from '../render/plan-text.js';
import { validate } from '../rules/index.js';
import { RefusalError } from '../errors.js';
import { stringFlag, type CommandSpec, type Flags, type ParsedArgs } from './command.js';
import { REPO_FLAGS, dayFlag, repoRoot, type Io } from './common.js';

const leaseCommand: CommandSpec = {
  name: 'lease',
  summary: 'write a lease file, validate the repository with it, and open a pull request that adds it',
  description:
    'Writes leases/<counterparty>/<id>.yaml with every value safely quoted, refuses (exit 1, with the findings)\n' +
    'if the repository would not validate with it, else commits it on its own branch and opens a pull request\n' +
    'whose body carries the plan.',
  flags: {
    ...REPO_FLAGS,
    contract: { type: 'string', value: 'ID', description: 'the outbound or internal contract (required)' },
    prefix: { type: 'string', value: 'CIDR', description: 'the leased prefix (required)' },
    origins: { type: 'string', value: 'ASN,ASN', description: 'ASNs allowed to originate it (required)' },
    start: { type: 'string', value: 'YYYY-MM-DD', description: 'first day', default: "the contract's" },
    end: { type: 'string', value: 'YYYY-MM-DD', description: 'day it ends (exclusive)', default: "the contract's" },
    id: { type: 'string', value: 'ID', description: 'the lease id', default: 'the next free <contract>-N' },
    note: { type: 'string', value: 'TEXT', description: 'a note kept in the record' },
    'max-length': { type: 'string', value: 'N', description: 'ROA max length', default: 'the prefix length' },
    base: { type: 'string', value: 'BRANCH', description: 'the branch the pull request targets', default: "the repository's default branch" },
    'dry-run': { type: 'boolean', description: 'print the file and the plan; no git, no pull request' },
  },
  env: {
    GITHUB_TOKEN: 'token for the GitHub API (never printed)',
    GITHUB_REPOSITORY: 'owner/repo (default: from the origin remote)',
  },
  examples: ['leasekit propose lease --contract acme-2026 --prefix 192.0.2.0/24 --origins 64501 --dry-run'],
  exitCodes: { 1: 'the repository would not validate with the lease, or the branch already exists' },
  run: runProposeLease,
};

export const proposeCommand: CommandSpec = {
  name: 'propose',
  summary: 'open a pull request that adds a record (propose lease)',
  subcommands: [leaseCommand],
};

/** A proposal that passed validation, ready to be shown or sent. */
interface Proposal {
  input: LeaseInput;
  file: string;
  text: string;
  counterparty: string;
  withFile: Repository;
  /** The lease's effective term (its missing start or end from the contract). */
  term: Term | undefined;
  planDay: string;
}

/** `leasekit propose lease`: exit 0 proposed (or shown), 1 refused by validation, 2 usage or GitHub/git failure. */
export async function runProposeLease({ flags }: ParsedArgs, io: Io): Promise<number> {
  const root = repoRoot(flags, io);
  const at = dayFlag(flags);
  const proposal = prepare(loadRepository(root), flags, at, io);
  if (!proposal) return 1;
  const planned = await makePlan(proposal.withFile, proposal.planDay, io.env);
  if (!planned.plan) throw new RefusalError('validation passed but no plan could be made');
  if (flags['dry-run']) {
    io.stdout(`# ${proposal.file}\n${proposal.text}\n${planText(planned.plan)}`);
    return 0;
  }
  const markdown = planMarkdown({ at: proposal.planDay, plan: planned.plan, diagnostics: planned.validation.diagnostics });
  return send(proposal, markdown, root, flags, io);
}

/** Renders the file and validates the repository with it in place; undefined (diagnostics printed) when it would not validate. */
function prepare(repo: Repository, flags: Flags, at: string, io: Io): Proposal | undefined {
  const model = new Resolved(repo);
  const input = leaseInputFrom(flags, model);
  const file = leaseFilePath(repo.root, input.id);
  if (fs.existsSync(path.join(repo.root, file))) {
    io.stderr(`leasekit: refusing to propose lease ${input.id}: ${file} already exists\n`);
    return undefined;
  }
  const text = renderLeaseFile(input, repo.root, file);
  const withFile = repositoryWith(repo, file, text);
  const validation = validate(withFile, at);
  if (validation.errors > 0) {
    io.stderr(`leasekit: refusing to propose lease ${input.id}: the repository would not validate with ${file}\n`);
    io.stdout(diagnosticsText(validationReport(validation, withFile.records.length)));
    return undefined;
  }
  const lease = validation.model.byId.lease.get(input.id)!;
  const contract = validation.model.contractOf(lease);
  const party = validation.model.counterpartyOf(contract);
  const term = validation.model.leaseTerm(lease);
  // a lease that starts later is planned on its first day, so the body shows what it will create
  const planDay = term && term.start > at ? term.start : at;
  return { input, file, text, counterparty: party?.fields.name ?? party?.id ?? input.contract, withFile, term, planDay };
}

async function send(proposal: Proposal, markdown: string, root: string, flags: Flags, io: Io): Promise<number> {
  const github = clientFromEnv(io.env, (line) => io.stderr(`leasekit: ${line}\n`));
  const git = await openGit(root, io.env);
  const origin = (await git.at(root).remote(['get-url', REMOTE]).catch(() => undefined))?.trim();
  const repo = targetRepo(io.env, origin);
  const base = await baseBranch(github, repo, stringFlag(flags, 'base'));
  const { input, file, text } = proposal;
  const branch = `leasekit/propose/${input.id}`;
  const title = proposalTitle(input, proposal.counterparty);
  await commitToBranch(git, root, { branch, base, changes: { [file]: text }, message: title, force: false, addOnly: true });
  const body = fitBody(proposalBody({ input, counterparty: proposal.counterparty, term: proposal.term, file, fileText: text, planMarkdown: markdown }), 'run `leasekit plan` on the branch for the whole plan.');
  const pull = await upsertPull(github, repo, { branch, base, title, body, labels: [LEASEKIT_LABEL] });
  io.stdout(`leasekit: proposed lease ${input.id} in pull request #${pull.number} (${branch} into ${base}), adding ${file}\n`);
  return 0;
}
