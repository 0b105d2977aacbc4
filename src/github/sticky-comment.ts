import type { Github } from './client.js';
import type { RepoRef } from './context.js';
import { groupBy } from '../util/group-by.js';
import { splitComment } from './split-comment.js';

/**
 * One comment per pull request that leasekit keeps up to date instead of adding a new one on
 * every push. It is found by a hidden marker at the start of its body AND by its author, so a
 * comment anyone else writes with the marker text is never taken for it, nor edited.
 */
export const DEFAULT_AUTHOR = 'github-actions[bot]';

export interface StickyTarget {
  repo: RepoRef;
  issueNumber: number;
  /** e.g. `leasekit:plan`; part 1 starts with `<!-- leasekit:plan -->`, part n with `<!-- leasekit:plan:part-n -->`. */
  name: string;
  author: string;
  /** At most this many comments (the split's default otherwise): bounds what one body can cost. */
  maxParts?: number;
}

export interface StickyResult {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** Comment ids of the parts, in order. */
  ids: number[];
}

interface ExistingComment {
  id: number;
  body: string;
}

export function markerOf(name: string, part = 1): string {
  return part === 1 ? `<!-- ${name} -->` : `<!-- ${name}:part-${part} -->`;
}

/** Which part of sticky comment `name` a body is, if it is one. */
export function partOf(name: string, body: string): number | undefined {
  if (body.startsWith(`${markerOf(name)}\n`) || body === markerOf(name)) return 1;
  const m = /^<!-- (.+):part-(\d+) -->(\n|$)/.exec(body);
  return m && m[1] === name ? Number(m[2]) : undefined;
}

/** Posts `body` (which starts with the part-1 marker), split into parts; extra old parts are deleted. */
export async function upsertSticky(github: Github, target: StickyTarget, body: string): Promise<StickyResult> {
  const parts = splitComment(body, { header: (n, total) => `${markerOf(target.name, n)}\n_(continued: part ${n} of ${total})_\n`, maxParts: target.maxParts });
  const existing = await existingParts(github, target);
  const result: StickyResult = { created: 0, updated: 0, unchanged: 0, deleted: 0, ids: [] };
  const where = { owner: target.repo.owner, repo: target.repo.repo };
  for (const [i, text] of parts.entries()) {
    const [current, ...duplicates] = existing.get(i + 1) ?? [];
    if (!current) {
      const { data } = await github.rest.issues.createComment({ ...where, issue_number: target.issueNumber, body: text });
      result.created++;
      result.ids.push(data.id);
    } else {
      if (current.body !== text) await github.rest.issues.updateComment({ ...where, comment_id: current.id, body: text });
      result[current.body !== text ? 'updated' : 'unchanged']++;
      result.ids.push(current.id);
    }
    result.deleted += await deleteAll(github, target, duplicates);
  }
  for (const [part, comments] of existing) if (part > parts.length) result.deleted += await deleteAll(github, target, comments);
  return result;
}

/** The author's comments that carry the marker, by part number, oldest first. */
export async function existingParts(github: Github, target: StickyTarget): Promise<Map<number, ExistingComment[]>> {
  const comments = await github.paginate(github.rest.issues.listComments, { owner: target.repo.owner, repo: target.repo.repo, issue_number: target.issueNumber, per_page: 100 });
  const marked = comments.flatMap((c) => {
    const part = c.user?.login === target.author && typeof c.body === 'string' ? partOf(target.name, c.body) : undefined;
    return part === undefined ? [] : [{ part, id: c.id, body: c.body as string }];
  });
  return new Map([...groupBy(marked, (c) => c.part)].map(([part, list]) => [part, list.map(({ id, body }) => ({ id, body }))]));
}

async function deleteAll(github: Github, target: StickyTarget, comments: ExistingComment[]): Promise<number> {
  for (const c of comments) await github.rest.issues.deleteComment({ owner: target.repo.owner, repo: target.repo.repo, comment_id: c.id });
  return comments.length;
}
