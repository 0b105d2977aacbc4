// Lines of a text input, streamed, with their 1-based numbers.

export async function* linesOf(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<{ text: string; line: number }> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let rest = '';
  let line = 0;
  for await (const chunk of chunks) {
    const text = rest + decoder.decode(chunk, { stream: true });
    const parts = text.split('\n');
    rest = parts.pop()!;
    for (const part of parts) yield { text: part.endsWith('\r') ? part.slice(0, -1) : part, line: ++line };
  }
  rest += decoder.decode();
  if (rest !== '') yield { text: rest, line: line + 1 };
}

/** The whole input as text (for JSON), refusing inputs too large to parse in memory. */
export async function textOf(chunks: AsyncIterable<Uint8Array>, limitBytes: number, onTooLarge: () => never): Promise<string> {
  const parts: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    if (bytes > limitBytes) onTooLarge();
    parts.push(chunk);
  }
  return Buffer.concat(parts, bytes).toString('utf8');
}
