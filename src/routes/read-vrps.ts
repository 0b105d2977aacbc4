// VRPs from rpki-client or Routinator output: JSON {"roas": [...]} or CSV
// `ASN,IP Prefix,Max Length,Trust Anchor`. IPv6 VRPs are skipped and counted.
import { InputFileError } from '../input/errors.js';
import { asnField, maxLengthField, prefixField } from './fields.js';
import { linesOf, textOf } from './lines.js';
import { inputError, opened } from './read-routes.js';
import { recogniseInput } from './recognise.js';
import type { Vrp } from './vrp.js';

export interface VrpInput {
  vrps: Vrp[];
  ipv6: number;
}

const JSON_LIMIT_BYTES = 1024 * 1024 * 1024;

export async function readVrps(file: string, name: string = file): Promise<VrpInput> {
  const input = await opened(file, name);
  try {
    const kind = recogniseInput(input.head);
    if (kind === 'json-object') return vrpsFromJson(await textOf(input.chunks, JSON_LIMIT_BYTES, () => tooLarge(name)), name);
    if (kind === 'csv') return await vrpsFromCsv(input.chunks, name);
    throw new InputFileError(name, 'not a recognised VRP file: expected rpki-client/Routinator JSON {"roas": [...]} or CSV "ASN,IP Prefix,Max Length,Trust Anchor"');
  } catch (err) {
    throw inputError(err, name, input.compression);
  }
}

function tooLarge(name: string): never {
  throw new InputFileError(name, `VRP JSON over ${JSON_LIMIT_BYTES / 2 ** 20} MiB`);
}

function vrpsFromJson(text: string, name: string): VrpInput {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputFileError(name, `JSON syntax: ${(err as Error).message}`);
  }
  const roas = (data as { roas?: unknown })?.roas;
  if (!Array.isArray(roas)) throw new InputFileError(name, 'expected a JSON object with a "roas" array');
  const result: VrpInput = { vrps: [], ipv6: 0 };
  roas.forEach((item: unknown, i) => {
    if (typeof item !== 'object' || item === null) throw new InputFileError(name, `roas[${i}]: expected an object {"asn", "prefix", "maxLength"}`);
    const { asn, prefix, maxLength } = item as Record<string, unknown>;
    addVrp(result, [asn, prefix, maxLength], (field, message) => new InputFileError(name, `roas[${i}].${field}: ${message}`));
  });
  return result;
}

async function vrpsFromCsv(chunks: AsyncIterable<Uint8Array>, name: string): Promise<VrpInput> {
  const result: VrpInput = { vrps: [], ipv6: 0 };
  let header = true;
  for await (const { text, line } of linesOf(chunks)) {
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    const cells = text.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (header) {
      header = false;
      if (/^ASN$/i.test(cells[0])) continue;
    }
    if (cells.length < 3) throw new InputFileError(name, 'expected "ASN,IP Prefix,Max Length,Trust Anchor"', line);
    addVrp(result, cells, (field, message) => new InputFileError(name, `${field}: ${message}`, line), true);
  }
  return result;
}

function addVrp(into: VrpInput, [asnValue, prefixValue, maxValue]: unknown[], fail: (field: string, message: string) => Error, text = false): void {
  const prefix = prefixField(prefixValue);
  if (!prefix.ok && prefix.ipv6) {
    into.ipv6++;
    return;
  }
  if (!prefix.ok) throw fail('prefix', prefix.message);
  const asn = asnField(asnValue, true);
  if (!asn.ok) throw fail('asn', asn.message);
  const max = maxValue === undefined && !text ? { ok: true as const, value: prefix.value.length } : maxLengthField(maxValue, prefix.value);
  if (!max.ok) throw fail('maxLength', max.message);
  const { text: p, start, end, length } = prefix.value;
  into.vrps.push({ prefix: p, start, end, length, maxLength: max.value, asn: asn.value });
}
