import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { Resolved } from '../../src/resolve/resolved.js';
import { leaseInputFrom, nextLeaseId, originsFrom } from '../../src/propose/lease-input.js';
import { repositoryWith } from '../../src/propose/with-file.js';
import { loadRepository } from '../../src/repo/load.js';
import { BASE, tempRepo } from '../helpers/repo.js';

const repo = () => loadRepository(tempRepo({ ...BASE, 'leases/acme.yaml': 'kind: lease\nid: acme-1\ncontract: c-acme\nprefix: 192.0.2.0/26\norigins: [64501]\n' }));

describe('propose lease input', () => {
  it('reads origins as ASNs, with or without AS', () => {
    expect(originsFrom('64501, AS64502,as64503')).toEqual([64501, 64502, 64503]);
    expect(() => originsFrom('')).toThrow(UsageError);
    expect(() => originsFrom('64501;64502')).toThrow(/not an ASN/);
  });

  it('names a new lease after the counterparty with the first free number', () => {
    const model = new Resolved(repo());
    expect(nextLeaseId(model, 'c-acme')).toBe('acme-2');
    expect(nextLeaseId(model, 'c-globex')).toBe('globex-1');
    expect(nextLeaseId(model, 'no-such-contract')).toBe('no-such-contract-1');
  });

  it('checks form before anything is built from the values', () => {
    const model = new Resolved(repo());
    const flags = { contract: 'c-acme', prefix: '192.0.2.64/26', origins: '64501' };
    expect(leaseInputFrom(flags, model)).toEqual({ id: 'acme-2', contract: 'c-acme', prefix: '192.0.2.64/26', origins: [64501], start: undefined, end: undefined, maxLength: undefined, note: undefined });
    expect(() => leaseInputFrom({ ...flags, id: '../../etc/passwd' }, model)).toThrow(/--id must match/);
    expect(() => leaseInputFrom({ ...flags, start: '2026-13-01' }, model)).toThrow(/--start must be a date/);
    expect(() => leaseInputFrom({ ...flags, 'max-length': '25.5' }, model)).toThrow(/--max-length/);
    expect(() => leaseInputFrom({ prefix: '192.0.2.64/26', origins: '64501' }, model)).toThrow(/needs --contract/);
  });
});

describe('repositoryWith', () => {
  it('adds the file\'s records in path order, in memory only', () => {
    const base = repo();
    const withFile = repositoryWith(base, 'leases/aaa.yaml', 'kind: lease\nid: aaa-1\ncontract: c-acme\nprefix: 192.0.2.128/26\norigins: [64501]\n');
    expect(withFile.records.map((r) => r.file.path)).toEqual([...base.records.map((r) => r.file.path)].concat('leases/aaa.yaml').sort());
    expect(withFile.byKind.lease.map((l) => l.id)).toEqual(['aaa-1', 'acme-1']);
    expect(base.byKind.lease.map((l) => l.id)).toEqual(['acme-1']);
  });
});
