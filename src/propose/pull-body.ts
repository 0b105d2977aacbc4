import { fenceFor } from '../render/markdown-fence.js';
import { renderTemplate } from '../render/templates.js';
import type { Term } from '../model/dates.js';
import type { LeaseInput } from './lease-input.js';

export interface ProposalBody {
  input: LeaseInput;
  counterparty: string;
  term: Term | undefined;
  file: string;
  fileText: string;
  /** The Markdown plan (src/render/plan-markdown.ts), already escaped by its own template. */
  planMarkdown: string;
}

/** `<!-- leasekit:propose:<id> -->`: the first line of a proposal's body. */
export function proposalMarker(id: string): string {
  return `<!-- leasekit:propose:${id} -->`;
}

/** The pull request's body, from templates/propose-pr.md.hbs. */
export function proposalBody(p: ProposalBody): string {
  return renderTemplate('propose-pr.md.hbs', {
    marker: proposalMarker(p.input.id),
    id: p.input.id,
    prefix: p.input.prefix,
    contract: p.input.contract,
    counterparty: p.counterparty,
    origins: p.input.origins.map((asn) => `AS${asn}`).join(', '),
    term: termText(p.term, p.input),
    maxLength: p.input.maxLength ?? null,
    note: p.input.note ?? null,
    file: p.file,
    fence: fenceFor(p.fileText),
    fileText: p.fileText,
    plan: p.planMarkdown.trim(),
  });
}

export function proposalTitle(input: LeaseInput, counterparty: string): string {
  return `Lease ${input.id}: ${input.prefix} to ${counterparty}`;
}

function termText(term: Term | undefined, input: LeaseInput): string {
  if (!term) return 'unknown (the contract has no usable term)';
  const from = input.start ? term.start : `${term.start} (the contract's start)`;
  const to = term.end === undefined ? 'open-ended' : input.end ? term.end : `${term.end} (the contract's end)`;
  return `${from} to ${to}`;
}
