import { closingFence, fenceAfter, isFenced, type OpenFence } from '../render/markdown-fence.js';

/** GitHub refuses an issue or pull-request body over 65,536 characters (a limit its OpenAPI description leaves out). */
export const BODY_LIMIT = 65_536;
const RESERVE = 512;

/**
 * The body, or its start cut at a line break with open code fences and <details> closed and a
 * note saying where the rest is: a plan of thousands of changes must not make the request fail.
 */
export function fitBody(body: string, whereTheRestIs: string, limit = BODY_LIMIT): string {
  if (body.length <= limit) return body;
  const cut = body.lastIndexOf('\n', limit - RESERVE - whereTheRestIs.length);
  const head = body.slice(0, cut > 0 ? cut : limit - RESERVE - whereTheRestIs.length);
  return `${head}\n${closers(head)}\n\n_Cut to fit GitHub's limit: ${whereTheRestIs}_\n`;
}

/** The closing lines for a fence and any <details> still open at the end of `text`. */
function closers(text: string): string {
  let fence: OpenFence | undefined;
  let details = 0;
  for (const line of text.split('\n')) {
    if (!isFenced(fence, line)) details += (line.match(/<details\b/g)?.length ?? 0) - (line.match(/<\/details>/g)?.length ?? 0);
    fence = fenceAfter(fence, line);
  }
  return [fence ? closingFence(fence) : '', ...Array.from({ length: Math.max(details, 0) }, () => '</details>')].filter(Boolean).join('\n');
}
