import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export type Handler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

interface Fault {
  /** How many requests (matching `method`, if set) it still applies to. */
  remaining: number;
  method?: string;
  kind: 'status' | 'delay' | 'drop-after-apply' | 'drop-before-apply' | 'hook';
  status?: number;
  headers?: Record<string, string>;
  delayMs?: number;
  hook?: () => void;
}

/**
 * A registry fake on 127.0.0.1 with fault switches: fail the next N requests with a
 * status, delay them, or drop the connection before or after the request took effect.
 * Each API's fake supplies the handler that behaves like the documented service.
 */
export class FakeServer {
  readonly requests: FakeRequest[] = [];
  private readonly faults: Fault[] = [];
  private server?: http.Server;

  constructor(private readonly handler: Handler) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `count` requests (of `method`, if given) get this status without being processed. */
  failNext(count: number, status: number, options: { method?: string; headers?: Record<string, string> } = {}): void {
    this.faults.push({ remaining: count, kind: 'status', status, ...options });
  }

  /** The next `count` requests wait `ms` before being handled (to trigger client timeouts). */
  delayNext(count: number, ms: number, method?: string): void {
    this.faults.push({ remaining: count, kind: 'delay', delayMs: ms, method });
  }

  /** The next `count` requests are processed, then the connection is dropped without an answer. */
  dropAfterApply(count: number, method?: string): void {
    this.faults.push({ remaining: count, kind: 'drop-after-apply', method });
  }

  /** The next `count` requests are dropped without being processed. */
  dropBeforeApply(count: number, method?: string): void {
    this.faults.push({ remaining: count, kind: 'drop-before-apply', method });
  }

  /** Runs `hook` just before the next `count` requests (of `method`, if given) are handled: someone else's edit, mid-apply. */
  beforeNext(count: number, hook: () => void, method?: string): void {
    this.faults.push({ remaining: count, kind: 'hook', hook, method });
  }

  /** Requests that would change state (anything but GET). */
  writes(): FakeRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  private takeFault(method: string): Fault | undefined {
    const fault = this.faults.find((f) => f.remaining > 0 && (!f.method || f.method === method));
    if (fault) fault.remaining--;
    return fault;
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const request: FakeRequest = { method: req.method ?? 'GET', url: req.url ?? '/', path: decodeURIComponent(url.pathname), query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    this.requests.push(request);
    const fault = this.takeFault(request.method);
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.kind === 'drop-before-apply') return void req.socket.destroy();
    if (fault?.kind === 'status') return send(res, { status: fault.status!, headers: fault.headers, body: '' });
    if (fault?.kind === 'hook') fault.hook!();
    let response: FakeResponse;
    try {
      response = await this.handler(request);
    } catch (err) {
      response = { status: 500, body: `fake server error: ${(err as Error).message}` };
    }
    if (fault?.kind === 'drop-after-apply') return void req.socket.destroy();
    send(res, response);
  }
}

function send(res: http.ServerResponse, response: FakeResponse): void {
  if (res.destroyed) return;
  res.writeHead(response.status, response.headers ?? {});
  res.end(response.body ?? '');
}

/** A registry fake served by its own FakeServer: subclasses say how requests are answered. */
export abstract class ServedFake {
  readonly server = new FakeServer((req) => this.handle(req));

  /** Where the API is mounted on the server (RIPE's `/api/rpki`, say). */
  protected readonly basePath: string = '';

  protected abstract handle(req: FakeRequest): FakeResponse | Promise<FakeResponse>;

  async start(): Promise<string> {
    await this.server.start();
    return this.baseUrl;
  }

  get baseUrl(): string {
    return `${this.server.url}${this.basePath}`;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}
