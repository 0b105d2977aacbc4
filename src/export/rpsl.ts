import { formatRpsl, routeAttributes } from '../providers/irr/rpsl.js';
import { desiredRoutes } from './desired-order.js';
import type { ExportInput } from './types.js';

/** The desired route objects as RPSL, one blank line between objects, as an IRR database prints them. */
export function render({ desired }: ExportInput): string {
  return desiredRoutes(desired)
    .map((route) => formatRpsl(routeAttributes(route)))
    .join('\n');
}
