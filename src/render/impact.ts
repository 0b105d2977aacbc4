// A plan's impact on live announcements, for people: text under the plan, a Markdown section in the PR comment.
import type { ImpactEntry } from '../audit/impact.js';
import { escapeMarkdown } from './markdown-escape.js';

const origin = (e: ImpactEntry) => (e.origin === null ? 'AS_SET' : `AS${e.origin}`);

export function impactText(impact: readonly ImpactEntry[]): string {
  if (impact.length === 0) return '\nImpact on announcements: none change RPKI state.\n';
  const lines = impact.map((e) => `  ${e.before === 'valid' ? '!' : ' '} ${e.prefix} ${origin(e)}: ${e.before} -> ${e.after}`);
  return `\nImpact on announcements (${impact.length} change RPKI state):\n${lines.join('\n')}\n`;
}

export function impactMarkdown(impact: readonly ImpactEntry[]): string {
  if (impact.length === 0) return '\n#### Impact on announcements\n\nNo announcement changes RPKI state.\n';
  const rows = impact.map((e) => `| ${e.before === 'valid' ? ':warning: ' : ''}${escapeMarkdown(e.prefix)} | ${origin(e).replace('_', '\\_')} | ${e.before} | ${e.after} |`);
  return ['', '#### Impact on announcements', '', '| prefix | origin | before | after |', '|---|---|---|---|', ...rows, ''].join('\n');
}
