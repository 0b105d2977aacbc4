import type { Diagnostic } from '../model/diagnostic.js';
import { escapeMarkdown } from '../render/markdown-escape.js';
import type { Github } from './client.js';
import type { RepoRef } from './context.js';

/** GitHub's limits for check runs (docs/github.md#limits-worth-knowing). */
export const CHECK_LIMITS = { annotationsPerRequest: 50, summary: 65_535, message: 64_000, title: 255 } as const;
export const CHECK_NAME = 'leasekit';

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
}

export interface CheckRunInput {
  repo: RepoRef;
  name?: string;
  headSha: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
  annotations: Annotation[];
}

/** An annotation at the finding's file and line; related places go into the message. */
export function annotationOf(d: Diagnostic): Annotation {
  const related = (d.related ?? []).map((r) => `\nsee ${r.file}:${r.line}${r.id ? ` (${r.id})` : ''}`).join('');
  return {
    path: d.file,
    start_line: d.line,
    end_line: d.line,
    start_column: d.column,
    end_column: d.column,
    annotation_level: d.severity === 'error' ? 'failure' : 'warning',
    message: clip(`${d.message}${related}`, CHECK_LIMITS.message),
    title: clip(`leasekit ${d.code}`, CHECK_LIMITS.title),
  };
}

/**
 * Creates the check run with the first 50 annotations and appends the rest 50 at a time
 * (GitHub appends annotations on update); the conclusion goes with the last request.
 */
export async function publishCheckRun(github: Github, input: CheckRunInput): Promise<{ id: number; requests: number }> {
  const where = { owner: input.repo.owner, repo: input.repo.repo };
  const batches = chunks(input.annotations, CHECK_LIMITS.annotationsPerRequest);
  const output = (annotations: Annotation[]) => ({ title: clip(input.title, CHECK_LIMITS.title), summary: clipSummary(input.summary), annotations });
  const finish = (last: boolean) => (last ? { status: 'completed' as const, conclusion: input.conclusion, completed_at: new Date().toISOString() } : { status: 'in_progress' as const });
  const { data } = await github.rest.checks.create({ ...where, name: input.name ?? CHECK_NAME, head_sha: input.headSha, ...finish(batches.length <= 1), output: output(batches[0] ?? []) });
  for (let i = 1; i < batches.length; i++) {
    await github.rest.checks.update({ ...where, check_run_id: data.id, ...finish(i === batches.length - 1), output: output(batches[i]) });
  }
  return { id: data.id, requests: Math.max(batches.length, 1) };
}

/** The check run's Markdown summary: counts, then as many findings as fit. */
export function checkSummary(diagnostics: Diagnostic[], records: number, extra = ''): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const head = `**${records} record(s) checked: ${errors} error(s), ${diagnostics.length - errors} warning(s).**\n\n`;
  const rows = diagnostics.map((d) => `| ${d.severity === 'error' ? ':x:' : ':warning:'} | ${escapeMarkdown(`${d.file}:${d.line}:${d.column}`)} | ${escapeMarkdown(d.code)} | ${escapeMarkdown(d.message)} |`);
  const table = rows.length ? `| | where | rule | message |\n|---|---|---|---|\n${rows.join('\n')}\n` : '';
  return clipSummary(`${head}${table}${extra}`);
}

function clipSummary(text: string): string {
  if (Buffer.byteLength(text, 'utf8') <= CHECK_LIMITS.summary) return text;
  const note = '\n\n… cut here: the annotations and the pull-request comment have every finding.';
  return clip(text, CHECK_LIMITS.summary - Buffer.byteLength(note, 'utf8') - 4) + note;
}

/** At most `max` UTF-8 bytes, cut at a line end where one is near, never inside a character. */
function clip(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  let cut = Buffer.from(text, 'utf8').subarray(0, max).toString('utf8').replace(/\uFFFD$/, '');
  const newline = cut.lastIndexOf('\n');
  if (newline > max * 0.8) cut = cut.slice(0, newline);
  return cut;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
