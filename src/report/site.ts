// `leasekit report site`: the site's data computed once, each page rendered and written.
import fs from 'node:fs';
import path from 'node:path';
import { holdingHtml, overviewHtml } from '../render/site/pages.js';
import { readAuditReport } from './audit-input.js';
import type { ReportInput } from './reports.js';
import { siteData } from './site-data.js';

export interface SiteOptions {
  at: string;
  out: string;
  audit?: string;
}

export function writeSite(input: ReportInput, options: SiteOptions): { dir: string; entry: string; pages: number } {
  const audit = options.audit ? readAuditReport(options.audit) : undefined;
  const data = siteData(input, options.at, audit);
  fs.mkdirSync(options.out, { recursive: true });
  fs.writeFileSync(path.join(options.out, 'index.html'), overviewHtml(data));
  for (const page of data.holdings) fs.writeFileSync(path.join(options.out, page.file), holdingHtml(page, data));
  return { dir: options.out, entry: path.join(options.out, 'index.html'), pages: data.holdings.length + 1 };
}
