/** One lease on the timeline: its term; an open-ended one is drawn to `until`. */
export interface GanttLease {
  id: string;
  counterparty: string;
  start: string;
  end?: string;
  until: string;
}

/**
 * A Mermaid `gantt` chart (GitHub renders it in a ```mermaid fence), one section per
 * counterparty. Names come from the records, so only letters, digits, space, `.`, `_` and `-`
 * survive: nothing can close the fence or break Mermaid's `name : data` syntax.
 */
export function ganttChart(leases: readonly GanttLease[]): string {
  const lines = ['gantt', '  title Leases this pull request adds or changes', '  dateFormat YYYY-MM-DD', '  axisFormat %Y-%m-%d'];
  const sections = new Map<string, GanttLease[]>();
  for (const lease of leases) sections.set(lease.counterparty, [...(sections.get(lease.counterparty) ?? []), lease]);
  for (const [party, list] of [...sections].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  section ${safe(party)}`);
    for (const lease of list) {
      const end = lease.end ?? lease.until;
      lines.push(`  ${safe(lease.id)}${lease.end ? '' : ' (open-ended)'} : ${lease.start}, ${end > lease.start ? end : lease.start}`);
    }
  }
  return lines.join('\n');
}

function safe(text: string): string {
  return text.replace(/[^\p{L}\p{N} ._-]+/gu, '_').slice(0, 80) || '_';
}
