// A hostile or misconfigured registry, on 127.0.0.1: echoed secrets, redirects to another
// origin, huge answers, and a local registry path outside the repository.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../src/providers/index.js';
import { LocalProvider } from '../../src/providers/local.js';
import { ProviderSettings } from '../../src/providers/settings.js';
import { ProviderError, type Change } from '../../src/providers/types.js';
import type { ProviderConfig } from '../../src/repo/config.js';
import { AT, ENV as RPKI_ENV, rpkiRepo } from '../e2e/rpki-fixtures.js';
import { cli } from '../helpers/repo.js';
import { SECRET } from '../providers/rpki/harness.js';

const RETRY = { attempts: 2, baseDelayMs: 1, maxDelayMs: 2, budgetMs: 2_000, timeoutMs: 2_000 };

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A server whose answers the test writes; it records what it was sent. */
class Hostile {
  readonly seen: Seen[] = [];
  private server?: http.Server;
  constructor(private readonly answer: (req: Seen, res: http.ServerResponse) => void) {}
  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.seen.push(seen);
        this.answer(seen, res);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.url;
  }
  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }
  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const started: Hostile[] = [];
async function serve(answer: (req: Seen, res: http.ServerResponse) => void): Promise<Hostile> {
  const server = new Hostile(answer);
  started.push(server);
  await server.start();
  return server;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

/** Everything the request carried, echoed back as a registry might in an error. */
const echo = (req: Seen) => `${JSON.stringify(req.headers)} ${req.body}`;

const ROA: Change = { op: 'create', object: { type: 'roa', provider: 'rpki', prefix: '192.0.2.0/24', maxLength: 24, asn: 64500 } };
const ROUTE: Change = { op: 'create', object: { type: 'route', provider: 'irr', source: 'EXAMPLE', prefix: '192.0.2.0/24', origin: 64500, mntBy: ['EX-MNT'], remarks: ['managed by leasekit, lease l1'] } };

describe('a registry that echoes the credential', () => {
  const registries: Array<[string, (base: string) => string, (req: Seen, res: http.ServerResponse) => void]> = [
    [
      'ripe-rpki',
      (base) => `{ type: ripe-rpki, baseUrl: '${base}', apiKeyEnv: RPKI_KEY }`,
      (req, res) => {
        if (req.method === 'GET') return void res.writeHead(200, { etag: '"1"', 'content-type': 'application/json' }).end('[]');
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `bad request from ${echo(req)}` }));
      },
    ],
    [
      'krill',
      (base) => `{ type: krill, baseUrl: '${base}', ca: lessor, tokenEnv: RPKI_KEY }`,
      (req, res) => {
        if (req.method === 'GET' && req.url.endsWith('/routes')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
        if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"handle":"lessor","children":[]}');
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ label: 'api-json', msg: `cannot parse ${echo(req)}`, args: {} }));
      },
    ],
    [
      'arin-rpki',
      (base) => `{ type: arin-rpki, baseUrl: '${base}', org: EX-1, apiKeyEnv: RPKI_KEY }`,
      (req, res) => {
        if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/xml' }).end('<collection xmlns="http://www.arin.net/regrws/core/v1"/>');
        const text = echo(req).replace(/&/g, '&amp;').replace(/</g, '&lt;');
        res.writeHead(400, { 'content-type': 'application/xml' }).end(`<error xmlns="http://www.arin.net/regrws/core/v1"><code>E_BAD_REQUEST</code><message>${text}</message></error>`);
      },
    ],
  ];

  it.each(registries)('%s: the key reaches neither stdout, stderr nor state/journal.jsonl', async (_type, config, answer) => {
    const server = await serve(answer);
    const root = rpkiRepo(config(server.url));
    const applied = await cli(['apply', '--repo', root, '--at', AT, '--yes'], { env: RPKI_ENV });
    expect(applied.code).not.toBe(0);
    expect(server.seen.some((r) => r.method === 'POST')).toBe(true); // the write was made and refused
    expect(applied.stderr).toContain('***');
    expect(applied.stdout + applied.stderr).not.toContain(SECRET);
    const journal = path.join(root, 'state/journal.jsonl');
    expect(fs.existsSync(journal)).toBe(true);
    expect(fs.readFileSync(journal, 'utf8')).not.toContain(SECRET);
  });

  it('irrd: passwords and API keys echoed in per-object errors are redacted in the results', async () => {
    const server = await serve((req, res) => {
      const objects = [{ successful: false, type: 'create', object_class: 'route', rpsl_pk: '192.0.2.0/24AS64500', error_messages: [`Authorisation failed for ${req.body}`] }];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ summary: { objects_found: 1, failed: 1 }, objects }));
    });
    const provider = createProvider('irr', { type: 'irrd', baseUrl: server.url, source: 'EXAMPLE', passwordEnv: 'IRR_PASSWORD', apiKeyEnv: 'IRR_KEY' }, { env: { IRR_PASSWORD: 'hunter2-password', IRR_KEY: SECRET }, root: os.tmpdir(), retry: RETRY });
    const results = await provider.apply([ROUTE]);
    expect(server.seen[0].body).toContain('hunter2-password'); // it was sent...
    expect(results[0].ok).toBe(false);
    expect(results[0].message).not.toContain('hunter2-password'); // ...and never reported
    expect(results[0].message).not.toContain(SECRET);
  });

  it('the RIPE Database Basic credential, its secret half and its base64 form are all redacted', async () => {
    const server = await serve((req, res) => {
      const errormessage = [{ severity: 'Error', text: `Syntax error in ${echo(req)} and the half 5ecr3t-half` }];
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errormessages: { errormessage } }));
    });
    const provider = createProvider('db', { type: 'ripe-db', baseUrl: server.url, source: 'TEST', apiKeyEnv: 'DB_KEY' }, { env: { DB_KEY: 'key-id-1:5ecr3t-half' }, root: os.tmpdir(), retry: RETRY });
    const results = await provider.apply([{ ...ROUTE, object: { ...ROUTE.object, provider: 'db', source: 'TEST' } as Change['object'] }]);
    const text = JSON.stringify(results);
    expect(text).toContain('***');
    expect(text).not.toContain('5ecr3t-half');
    expect(text).not.toContain(Buffer.from('key-id-1:5ecr3t-half').toString('base64'));
  });
});

describe('redirects', () => {
  it('a write redirected to another origin is not followed: no credential and no body go there, and the error names the target', async () => {
    const elsewhere = await serve((_req, res) => res.writeHead(204).end());
    const registry = await serve((req, res) => {
      if (req.method === 'GET') return void res.writeHead(200, { etag: '"1"', 'content-type': 'application/json' }).end('[]');
      res.writeHead(307, { location: `${elsewhere.url}/api/rpki/roas/publish` }).end();
    });
    const provider = createProvider('rpki', { type: 'ripe-rpki', baseUrl: registry.url, apiKeyEnv: 'K' }, { env: { K: SECRET }, root: os.tmpdir(), retry: RETRY });
    const err = await provider.apply([ROA]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toContain(`redirected (HTTP 307) to another origin, ${elsewhere.url}`);
    expect(elsewhere.seen).toEqual([]);
  });

  it('IRRd submit redirected elsewhere: passwords are not re-sent there and nothing is reported applied', async () => {
    const elsewhere = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"summary":{"failed":0},"objects":[{"successful":true}]}'));
    const registry = await serve((_req, res) => res.writeHead(308, { location: `${elsewhere.url}/v1/submit/` }).end());
    const provider = createProvider('irr', { type: 'irrd', baseUrl: registry.url, source: 'EXAMPLE', passwordEnv: 'P' }, { env: { P: 'hunter2-password' }, root: os.tmpdir(), retry: RETRY });
    const outcome = await provider.apply([ROUTE]).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(ProviderError);
    expect(elsewhere.seen).toEqual([]);
  });

  it('a read redirected within the same origin is followed; one to another origin is refused', async () => {
    const registry = await serve((req, res) => {
      if (req.url.startsWith('/old/')) return void res.writeHead(301, { location: req.url.replace('/old/', '/new/') }).end();
      res.writeHead(200, { etag: '"1"', 'content-type': 'application/json' }).end('[{"asn":"AS64500","prefix":"192.0.2.0/24","maximalLength":24}]');
    });
    const same = createProvider('rpki', { type: 'ripe-rpki', baseUrl: `${registry.url}/old`, apiKeyEnv: 'K' }, { env: { K: SECRET }, root: os.tmpdir(), retry: RETRY });
    expect(await same.read({ prefixes: [] })).toHaveLength(1);
    const elsewhere = await serve((_req, res) => res.writeHead(200).end('[]'));
    const away = await serve((_req, res) => res.writeHead(302, { location: `${elsewhere.url}/roas` }).end());
    const other = createProvider('rpki', { type: 'ripe-rpki', baseUrl: away.url, apiKeyEnv: 'K' }, { env: { K: SECRET }, root: os.tmpdir(), retry: RETRY });
    await expect(other.read({ prefixes: [] })).rejects.toThrow(/another origin/);
    expect(elsewhere.seen).toEqual([]);
  });
});

describe('answer size', () => {
  const big = (withLength: boolean) => (_req: Seen, res: http.ServerResponse) => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const total = 64; // 4 MiB
    res.writeHead(200, { 'content-type': 'application/json', ...(withLength ? { 'content-length': String(chunk.length * total) } : {}) });
    let sent = 0;
    const more = () => {
      while (sent < total) {
        sent++;
        if (!res.write(chunk)) return void res.once('drain', more);
      }
      res.end();
    };
    res.on('error', () => undefined);
    more();
  };

  it.each([
    ['declared', true],
    ['streamed without a length', false],
  ])('an answer over LEASEKIT_MAX_RESPONSE_BYTES (%s) is cut off with a clear error', async (_label, withLength) => {
    const server = await serve(big(withLength as boolean));
    const provider = createProvider('rpki', { type: 'ripe-rpki', baseUrl: server.url, apiKeyEnv: 'K' }, { env: { K: SECRET }, root: os.tmpdir(), retry: { ...RETRY, maxResponseBytes: 1024 * 1024 } });
    await expect(provider.read({ prefixes: [] })).rejects.toThrow(/answer is larger than 1048576 bytes/);
  });
});

describe('the local provider path', () => {
  const repo = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-local-'));
  const local = (root: string, p: string) => new LocalProvider(new ProviderSettings('local', { type: 'local', path: p } as ProviderConfig, {}), root, {});

  it('a path outside the repository is refused with a clear error, and nothing is written there', async () => {
    const root = repo();
    const outside = path.join(path.dirname(root), `outside-${path.basename(root)}.json`);
    for (const p of [`../${path.basename(outside)}`, outside, '/etc/passwd', '.']) {
      expect(() => local(root, p)).toThrow(/must lie inside the repository/);
    }
    expect(fs.existsSync(outside)).toBe(false);
  });

  it('a path through a symbolic link out of the repository is refused', () => {
    const root = repo();
    const away = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-away-'));
    fs.symlinkSync(away, path.join(root, 'state'));
    expect(() => local(root, 'state/local-registry.json')).toThrow(/through a symbolic link/);
  });

  it('inside the repository it works, and apply through the CLI names the setting when it does not', async () => {
    const root = repo();
    expect(() => local(root, 'state/registry.json')).not.toThrow();
    const cliRoot = rpkiRepo("{ type: local }\n  local: { type: local, path: '../escape.json' }");
    const result = await cli(['apply', '--repo', cliRoot, '--at', AT, '--yes'], { env: {} });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("path '../escape.json' in leasekit.yaml points outside the repository");
    expect(result.stderr).not.toContain('internal error');
    expect(fs.existsSync(path.join(path.dirname(cliRoot), 'escape.json'))).toBe(false);
  });
});
