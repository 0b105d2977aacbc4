import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeServer, type FakeRequest, type FakeResponse } from './fake-server.js';
import type { GitRemote } from './git-remote.js';
import { GithubOpenApi, type Problem } from './github-openapi.js';

/**
 * A fake GitHub REST API on 127.0.0.1 for the operations leasekit uses. Each request is
 * routed and validated against GitHub's OpenAPI description (a vendored extract), plus the
 * limits the description lacks; repository content, branches and pull-request diffs come
 * from a bare git repository (GitRemote) standing in for the repository on GitHub.
 */

export const BOT_LOGIN = 'github-actions[bot]';
export const BOT_TOKEN = 'ghs_fake_bot_token';

/** Limits GitHub enforces that its OpenAPI description does not state. */
export const LIMITS = { commentBody: 65_536, issueBody: 65_536, statusDescription: 140, annotationsPerRequest: 50 } as const;

export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
  /** Like a fork pull request's GITHUB_TOKEN: reads only. */
  readOnly?: boolean;
}

export interface StoredComment {
  id: number;
  issueNumber: number;
  user: FakeUser;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface StoredPull {
  head: string;
  base: string;
  /** A fork's head repository, `owner/repo`, when the pull request comes from one. */
  headRepo?: string;
  draft: boolean;
  merged: boolean;
  mergeCommitSha?: string;
  /** The head commit frozen when the pull request was closed or merged. */
  closedHeadSha?: string;
  closedBaseSha?: string;
  reviewers: string[];
}

export interface StoredIssue {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  user: FakeUser;
  labels: string[];
  createdAt: string;
  pull?: StoredPull;
}

export interface StoredAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: string;
  message: string;
  title?: string;
  start_column?: number;
  end_column?: number;
}

export interface StoredCheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string; text?: string };
  annotations: StoredAnnotation[];
  /** How many requests delivered annotations, and the largest batch. */
  annotationBatches: number[];
  externalId: string | null;
  /** The GitHub App that created it (GitHub sets it from the token; a bot login `x[bot]` is app `x`). */
  app: { slug: string; id: number } | null;
}

export interface StoredStatus {
  id: number;
  sha: string;
  state: string;
  context: string;
  description: string | null;
  targetUrl: string | null;
}

export interface Rejection {
  method: string;
  path: string;
  operationId?: string;
  status: number;
  message: string;
}

interface Fault {
  remaining: number;
  status: number;
  message: string;
  headers: Record<string, string>;
  method?: string;
  operationId?: string;
}

interface Call {
  req: FakeRequest;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, any>;
  user: FakeUser;
  base: string;
}

type OperationHandler = (call: Call) => FakeResponse;

export interface GithubFakeOptions {
  owner?: string;
  repo?: string;
  remote?: GitRemote;
}

export class GithubFake {
  readonly owner: string;
  readonly repo: string;
  readonly remote?: GitRemote;
  readonly server: FakeServer;
  /** Requests the fake refused as GitHub would (4xx from validation or limits). */
  readonly rejected: Rejection[] = [];
  readonly comments = new Map<number, StoredComment>();
  readonly issues = new Map<number, StoredIssue>();
  readonly checkRuns = new Map<number, StoredCheckRun>();
  readonly statuses: StoredStatus[] = [];
  readonly labels = new Map<string, { name: string; color: string; description: string | null }>();
  private readonly api = new GithubOpenApi();
  private readonly tokens = new Map<string, FakeUser>();
  private readonly faults: Fault[] = [];
  private nextId = 1001;
  private nextNumber = 1;
  private clock = Date.UTC(2026, 5, 1, 12, 0, 0);

  constructor(options: GithubFakeOptions = {}) {
    this.owner = options.owner ?? 'example';
    this.repo = options.repo ?? 'leases';
    this.remote = options.remote;
    this.server = new FakeServer((req) => this.handle(req));
    this.addToken(BOT_TOKEN, BOT_LOGIN, { type: 'Bot' });
  }

  async start(): Promise<string> {
    return this.server.start();
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }

  get url(): string {
    return this.server.url;
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  /** Registers a token for `login` and returns it. */
  addToken(token: string, login: string, options: { type?: 'User' | 'Bot'; readOnly?: boolean } = {}): string {
    this.tokens.set(token, { login, id: this.nextId++, type: options.type ?? 'User', readOnly: options.readOnly });
    return token;
  }

  /** What a workflow step sees: the API URL, the repository and a token (the bot's by default). */
  env(token = BOT_TOKEN): Record<string, string> {
    return { GITHUB_API_URL: this.url, GITHUB_REPOSITORY: this.fullName, GITHUB_TOKEN: token, GITHUB_SERVER_URL: 'https://github.com' };
  }

  // ---- fault switches -------------------------------------------------------------------

  /** The next `count` matching requests get `status` with a GitHub-style JSON message, unprocessed. */
  failNext(count: number, status: number, options: { message?: string; headers?: Record<string, string>; method?: string; operationId?: string } = {}): void {
    this.faults.push({ remaining: count, status, message: options.message ?? `fake failure ${status}`, headers: options.headers ?? {}, method: options.method, operationId: options.operationId });
  }

  /** GitHub's secondary rate limit: 403 with Retry-After (seconds). */
  secondaryRateLimitNext(count: number, options: { retryAfter?: number; operationId?: string; method?: string } = {}): void {
    const message = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
    this.failNext(count, 403, { ...options, message, headers: { 'retry-after': String(options.retryAfter ?? 1) } });
  }

  /** The primary rate limit: 403 with x-ratelimit-remaining 0 and a reset one second ahead. */
  rateLimitNext(count: number, options: { operationId?: string; method?: string; status?: 403 | 429 } = {}): void {
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    const headers = { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset };
    this.failNext(count, options.status ?? 403, { ...options, message: 'API rate limit exceeded for installation ID 1.', headers });
  }

  // ---- state helpers for tests ------------------------------------------------------------

  /** Opens a pull request from branch `head` (which must exist on the remote) into `base`. */
  openPull(options: { head: string; base?: string; title?: string; body?: string; login?: string; headRepo?: string; draft?: boolean }): StoredIssue {
    const remote = this.requireRemote();
    if (!remote.sha(options.head)) throw new Error(`no branch ${options.head} on the remote`);
    const issue = this.newIssue(options.title ?? `Pull request from ${options.head}`, options.body ?? null, this.userNamed(options.login ?? 'octocat'));
    issue.pull = { head: options.head, base: options.base ?? remote.defaultBranch, headRepo: options.headRepo, draft: options.draft ?? false, merged: false, reviewers: [] };
    return issue;
  }

  /** Merges a pull request with a merge commit on its base branch, as the merge button does. */
  mergePull(number: number): string {
    const issue = this.pullOrThrow(number);
    const pull = issue.pull!;
    pull.closedHeadSha = this.headSha(pull);
    pull.closedBaseSha = this.requireRemote().sha(pull.base);
    const sha = this.requireRemote().merge(pull.base, pull.head, `Merge pull request #${number} from ${this.owner}/${pull.head}`);
    Object.assign(pull, { merged: true, mergeCommitSha: sha });
    issue.state = 'closed';
    return sha;
  }

  /** A comment written directly, e.g. by another user. */
  addComment(issueNumber: number, login: string, body: string): StoredComment {
    return this.newComment(issueNumber, this.userNamed(login), body);
  }

  commentsOn(issueNumber: number): StoredComment[] {
    return [...this.comments.values()].filter((c) => c.issueNumber === issueNumber).sort((a, b) => a.id - b.id);
  }

  checkRunsFor(sha: string): StoredCheckRun[] {
    return [...this.checkRuns.values()].filter((r) => r.headSha === sha);
  }

  /** The payload GitHub writes to GITHUB_EVENT_PATH for a `pull_request` event on this pull request. */
  pullRequestEvent(number: number, action = 'synchronize'): Record<string, unknown> {
    return { action, number, pull_request: this.pullJson(this.pullOrThrow(number), this.url), repository: this.repoJson() };
  }

  /**
   * The `workflow_run` payload for the completed gate run of pull request `number`. As on GitHub,
   * `pull_requests` is empty when the head is in a fork: only head sha, branch and repository say
   * which pull request the run was for.
   */
  workflowRunEvent(number: number, options: { conclusion?: string } = {}): Record<string, unknown> {
    const issue = this.pullOrThrow(number);
    const pull = issue.pull!;
    const headRepo = pull.headRepo ?? this.fullName;
    const head = { ref: pull.head, sha: this.headSha(pull), repo: { id: hash(headRepo), name: headRepo.split('/')[1], url: `${this.url}/repos/${headRepo}` } };
    const base = { ref: pull.base, sha: this.requireRemote().sha(pull.base), repo: { id: 1, name: this.repo, url: `${this.url}/repos/${this.fullName}` } };
    const pullRequests = pull.headRepo && pull.headRepo !== this.fullName ? [] : [{ id: number + 200_000, number, url: `${this.url}/repos/${this.fullName}/pulls/${number}`, head, base }];
    return {
      action: 'completed',
      workflow_run: {
        id: 7_000_000 + number,
        name: 'leasekit gate',
        event: 'pull_request',
        status: 'completed',
        conclusion: options.conclusion ?? 'success',
        head_branch: pull.head,
        head_sha: this.headSha(pull),
        head_repository: { full_name: headRepo, fork: headRepo !== this.fullName },
        repository: { full_name: this.fullName },
        pull_requests: pullRequests,
      },
      repository: this.repoJson(),
    };
  }

  /** A `push` event payload for a branch moved to `after`. */
  pushEvent(branch: string, after: string): Record<string, unknown> {
    return { ref: `refs/heads/${branch}`, after, repository: this.repoJson() };
  }

  /** Writes an event payload to a temp file and returns the env a workflow step would see for it. */
  eventEnv(name: string, payload: Record<string, unknown>, token = BOT_TOKEN): Record<string, string> {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-event-')), 'event.json');
    fs.writeFileSync(file, JSON.stringify(payload));
    const sha = (payload.after as string | undefined) ?? ((payload.pull_request as { head?: { sha?: string } } | undefined)?.head?.sha ?? '');
    return { ...this.env(token), GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: file, GITHUB_SHA: sha, GITHUB_ACTIONS: 'true' };
  }

  headSha(pull: StoredPull): string {
    return pull.closedHeadSha ?? this.requireRemote().sha(pull.head) ?? '';
  }

  // ---- request handling -------------------------------------------------------------------

  private handle(req: FakeRequest): FakeResponse {
    const routed = this.api.route(req.method, req.path);
    if (!routed) return this.refuse(req, undefined, { status: 404, message: 'Not Found' });
    const user = this.authenticate(req);
    if (!user) return this.refuse(req, routed.operationId, { status: 401, message: 'Bad credentials' });
    const fault = this.takeFault(req.method, routed.operationId);
    if (fault) return json(fault.status, { message: fault.message, documentation_url: 'https://docs.github.com/rest' }, fault.headers);
    if (routed.params.owner !== this.owner || routed.params.repo !== this.repo) return this.refuse(req, routed.operationId, { status: 404, message: 'Not Found' });
    const validated = this.api.validate(routed.operationId, req.query, req.body);
    if ('status' in validated) return this.refuse(req, routed.operationId, validated);
    const body = (validated.body ?? {}) as Record<string, any>;
    const limit = limitProblem(routed.operationId, body);
    if (limit) return this.refuse(req, routed.operationId, limit);
    if (user.readOnly && req.method !== 'GET') return this.refuse(req, routed.operationId, { status: 403, message: 'Resource not accessible by integration' });
    const handler = this.handlers[routed.operationId];
    if (!handler) return this.refuse(req, routed.operationId, { status: 501, message: `the fake does not implement ${routed.operationId}` });
    const response = handler({ req, params: routed.params, query: validated.query, body, user, base: `http://${req.headers.host}` });
    if (response.status >= 400) this.rejected.push({ method: req.method, path: req.path, operationId: routed.operationId, status: response.status, message: String(JSON.parse(response.body ?? '{}').message ?? '') });
    return response;
  }

  private refuse(req: FakeRequest, operationId: string | undefined, problem: Problem): FakeResponse {
    this.rejected.push({ method: req.method, path: req.path, operationId, status: problem.status, message: problem.message });
    return json(problem.status, { message: problem.message, ...(problem.errors ? { errors: problem.errors } : {}), documentation_url: 'https://docs.github.com/rest' });
  }

  private authenticate(req: FakeRequest): FakeUser | undefined {
    const header = req.headers.authorization ?? '';
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(header)?.[1];
    return token ? this.tokens.get(token) : undefined;
  }

  private takeFault(method: string, operationId: string): Fault | undefined {
    const fault = this.faults.find((f) => f.remaining > 0 && (!f.method || f.method === method) && (!f.operationId || f.operationId === operationId));
    if (fault) fault.remaining--;
    return fault;
  }

  private readonly handlers: Record<string, OperationHandler> = {
    'repos/get': (c) => json(200, this.repoJson(c.base)),

    'issues/list-comments': (c) => this.withIssue(c, (issue) => paginate(c, this.commentsOn(issue.number).map((x) => this.commentJson(x, c.base)))),
    'issues/create-comment': (c) => this.withIssue(c, (issue) => json(201, this.commentJson(this.newComment(issue.number, c.user, c.body.body), c.base))),
    'issues/get-comment': (c) => this.withComment(c, (comment) => json(200, this.commentJson(comment, c.base))),
    'issues/update-comment': (c) =>
      this.withComment(c, (comment) => {
        Object.assign(comment, { body: c.body.body, updatedAt: this.tick() });
        return json(200, this.commentJson(comment, c.base));
      }),
    'issues/delete-comment': (c) =>
      this.withComment(c, (comment) => {
        this.comments.delete(comment.id);
        return { status: 204 };
      }),

    'issues/create': (c) => {
      const issue = this.newIssue(c.body.title, c.body.body ?? null, c.user);
      for (const label of c.body.labels ?? []) this.attachLabel(issue, typeof label === 'string' ? label : label.name);
      return json(201, this.issueJson(issue, c.base));
    },
    'issues/get': (c) => this.withIssue(c, (issue) => json(200, this.issueJson(issue, c.base))),
    'issues/update': (c) =>
      this.withIssue(c, (issue) => {
        if (c.body.title !== undefined) issue.title = c.body.title;
        if (c.body.body !== undefined) issue.body = c.body.body;
        if (c.body.state !== undefined) issue.state = c.body.state;
        if (c.body.labels !== undefined) {
          issue.labels = [];
          for (const label of c.body.labels) this.attachLabel(issue, typeof label === 'string' ? label : label.name);
        }
        return json(200, this.issueJson(issue, c.base));
      }),
    'issues/list-for-repo': (c) => {
      const wanted = c.query.labels ? String(c.query.labels).split(',') : [];
      const state = String(c.query.state ?? 'open');
      const found = [...this.issues.values()]
        .filter((i) => state === 'all' || i.state === state)
        .filter((i) => wanted.every((l) => i.labels.includes(l)))
        .filter((i) => !c.query.creator || i.user.login === c.query.creator)
        .sort((a, b) => b.number - a.number);
      return paginate(c, found.map((i) => this.issueJson(i, c.base)));
    },
    'issues/add-labels': (c) =>
      this.withIssue(c, (issue) => {
        for (const label of c.body.labels ?? []) this.attachLabel(issue, typeof label === 'string' ? label : label.name);
        return json(200, issue.labels.map((name) => this.labelJson(name)));
      }),
    'issues/list-labels-on-issue': (c) => this.withIssue(c, (issue) => paginate(c, issue.labels.map((name) => this.labelJson(name)))),
    'issues/create-label': (c) => {
      if (this.labels.has(c.body.name)) return json(422, { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] });
      this.labels.set(c.body.name, { name: c.body.name, color: c.body.color ?? 'ededed', description: c.body.description ?? null });
      return json(201, this.labelJson(c.body.name));
    },

    'checks/create': (c) => {
      const app = c.user.type === 'Bot' ? { slug: c.user.login.replace(/\[bot\]$/, ''), id: c.user.id } : null;
      const run: StoredCheckRun = { id: this.nextId++, name: c.body.name, headSha: c.body.head_sha, status: 'queued', conclusion: null, output: {}, annotations: [], annotationBatches: [], externalId: c.body.external_id ?? null, app };
      this.checkRuns.set(run.id, run);
      this.updateCheckRun(run, c.body);
      return json(201, this.checkRunJson(run, c.base));
    },
    'checks/update': (c) => this.withCheckRun(c, (run) => (this.updateCheckRun(run, c.body), json(200, this.checkRunJson(run, c.base)))),
    'checks/get': (c) => this.withCheckRun(c, (run) => json(200, this.checkRunJson(run, c.base))),
    'checks/list-for-ref': (c) => {
      const sha = this.resolveRef(c.params.ref) ?? c.params.ref;
      const runs = this.checkRunsFor(sha).filter((r) => !c.query.check_name || r.name === c.query.check_name);
      return json(200, { total_count: runs.length, check_runs: runs.map((r) => this.checkRunJson(r, c.base)) });
    },

    'repos/create-commit-status': (c) => {
      const status: StoredStatus = { id: this.nextId++, sha: c.params.sha, state: c.body.state, context: c.body.context ?? 'default', description: c.body.description ?? null, targetUrl: c.body.target_url ?? null };
      this.statuses.push(status);
      return json(201, this.statusJson(status, c.base));
    },
    'repos/list-commit-statuses-for-ref': (c) => {
      const sha = this.resolveRef(c.params.ref) ?? c.params.ref;
      return paginate(c, this.statuses.filter((s) => s.sha === sha).reverse().map((s) => this.statusJson(s, c.base)));
    },

    'pulls/list': (c) => {
      const state = String(c.query.state ?? 'open');
      const head = c.query.head ? String(c.query.head) : undefined;
      const pulls = [...this.issues.values()]
        .filter((i) => i.pull && (state === 'all' || i.state === state))
        .filter((i) => !head || `${(i.pull!.headRepo ?? this.fullName).split('/')[0]}:${i.pull!.head}` === head)
        .filter((i) => !c.query.base || i.pull!.base === c.query.base)
        .sort((a, b) => (c.query.direction === 'asc' ? a.number - b.number : b.number - a.number));
      return paginate(c, pulls.map((i) => this.pullJson(i, c.base)));
    },
    'pulls/get': (c) => this.withPull(c, (issue) => json(200, this.pullJson(issue, c.base))),
    'pulls/list-files': (c) =>
      this.withPull(c, (issue) => {
        const pull = issue.pull!;
        const base = pull.closedBaseSha ?? this.requireRemote().sha(pull.base)!;
        const files = this.requireRemote().changedFiles(base, this.headSha(pull)).slice(0, 3000);
        return paginate(c, files.map((f) => this.fileJson(f, this.headSha(pull), c.base)));
      }),
    'pulls/create': (c) => this.createPull(c),
    'pulls/update': (c) =>
      this.withPull(c, (issue) => {
        if (c.body.title !== undefined) issue.title = c.body.title;
        if (c.body.body !== undefined) issue.body = c.body.body;
        if (c.body.state !== undefined) issue.state = c.body.state;
        if (c.body.base !== undefined) issue.pull!.base = c.body.base;
        return json(200, this.pullJson(issue, c.base));
      }),
    'pulls/request-reviewers': (c) =>
      this.withPull(c, (issue) => {
        issue.pull!.reviewers.push(...(c.body.reviewers ?? []).filter((r: string) => !issue.pull!.reviewers.includes(r)));
        return json(201, this.pullJson(issue, c.base));
      }),

    'repos/get-content': (c) => this.getContent(c),
    'repos/list-pull-requests-associated-with-commit': (c) => {
      const sha = c.params.commit_sha;
      const found = [...this.issues.values()].filter((i) => i.pull && this.associated(i.pull, sha));
      return paginate(c, found.map((i) => this.pullJson(i, c.base)));
    },

    'git/get-ref': (c) => {
      const branch = /^heads\/(.+)$/.exec(c.params.ref)?.[1];
      const sha = branch && this.remote?.sha(branch);
      return sha ? json(200, this.refJson(branch, sha, c.base)) : json(404, { message: 'Not Found' });
    },
    'git/create-ref': (c) => {
      const branch = /^refs\/heads\/(.+)$/.exec(c.body.ref)?.[1];
      if (!branch) return json(422, { message: 'Reference name must start with \'refs/\' and have at least two slashes.' });
      if (this.requireRemote().sha(branch)) return json(422, { message: 'Reference already exists' });
      if (!this.requireRemote().sha(c.body.sha)) return json(422, { message: 'Object does not exist' });
      this.requireRemote().updateRef(branch, c.body.sha);
      return json(201, this.refJson(branch, c.body.sha, c.base));
    },
    'git/update-ref': (c) => {
      const branch = /^heads\/(.+)$/.exec(c.params.ref)?.[1];
      const current = branch && this.requireRemote().sha(branch);
      if (!branch || !current) return json(422, { message: 'Reference does not exist' });
      if (!this.requireRemote().sha(c.body.sha)) return json(422, { message: 'Object does not exist' });
      if (!c.body.force && !this.requireRemote().isAncestor(current, c.body.sha)) return json(422, { message: 'Update is not a fast forward' });
      this.requireRemote().updateRef(branch, c.body.sha);
      return json(200, this.refJson(branch, c.body.sha, c.base));
    },
    'git/delete-ref': (c) => {
      const branch = /^heads\/(.+)$/.exec(c.params.ref)?.[1];
      if (!branch || !this.requireRemote().sha(branch)) return json(422, { message: 'Reference does not exist' });
      this.requireRemote().deleteRef(branch);
      return { status: 204 };
    },
  };

  private createPull(c: Call): FakeResponse {
    const remote = this.requireRemote();
    const head = String(c.body.head).replace(/^[^:]+:/, '');
    if (!remote.sha(head)) return json(422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }] });
    if (!remote.sha(c.body.base)) return json(422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', field: 'base', code: 'invalid' }] });
    const existing = [...this.issues.values()].find((i) => i.state === 'open' && i.pull?.head === head && i.pull.base === c.body.base);
    if (existing) return json(422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${this.owner}:${head}.` }] });
    if (remote.isAncestor(remote.sha(head)!, remote.sha(c.body.base)!)) {
      return json(422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${c.body.base} and ${head}` }] });
    }
    const issue = this.newIssue(c.body.title ?? head, c.body.body ?? null, c.user);
    issue.pull = { head, base: c.body.base, draft: Boolean(c.body.draft), merged: false, reviewers: [] };
    return json(201, this.pullJson(issue, c.base));
  }

  private getContent(c: Call): FakeResponse {
    const remote = this.requireRemote();
    const ref = c.query.ref ? String(c.query.ref) : remote.defaultBranch;
    const sha = this.resolveRef(ref);
    const file = c.params.path.replace(/\/$/, '');
    const entry = sha && remote.entry(sha, file);
    if (!sha || !entry) return json(404, { message: 'Not Found' });
    const accept = String(c.req.headers.accept ?? '');
    if (entry.type === 'dir') return json(200, remote.listDir(sha, file)!.map((e) => this.contentJson(e, ref, c.base)));
    const text = remote.readFile(sha, file)!;
    if (/vnd\.github(\.v3)?\.raw/.test(accept)) return { status: 200, headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' }, body: text };
    const content = Buffer.from(text).toString('base64').replace(/(.{60})/g, '$1\n');
    return json(200, { ...this.contentJson(entry, ref, c.base), content, encoding: 'base64' });
  }

  private associated(pull: StoredPull, sha: string): boolean {
    if (pull.mergeCommitSha === sha || this.headSha(pull) === sha) return true;
    return !pull.merged && this.requireRemote().isAncestor(sha, this.headSha(pull)) && !this.requireRemote().isAncestor(sha, this.requireRemote().sha(pull.base)!);
  }

  private updateCheckRun(run: StoredCheckRun, body: Record<string, any>): void {
    if (body.name !== undefined) run.name = body.name;
    if (body.external_id !== undefined) run.externalId = body.external_id;
    if (body.status !== undefined) run.status = body.status;
    if (body.conclusion !== undefined) Object.assign(run, { conclusion: body.conclusion, status: 'completed' });
    if (body.output) {
      const { annotations = [], title, summary, text } = body.output;
      run.output = { ...run.output, ...(title !== undefined ? { title } : {}), ...(summary !== undefined ? { summary } : {}), ...(text !== undefined ? { text } : {}) };
      if (annotations.length) {
        run.annotations.push(...annotations);
        run.annotationBatches.push(annotations.length);
      }
    }
  }

  // ---- lookups ------------------------------------------------------------------------

  private withIssue(c: Call, then: (issue: StoredIssue) => FakeResponse): FakeResponse {
    const issue = this.issues.get(Number(c.params.issue_number));
    return issue ? then(issue) : json(404, { message: 'Not Found' });
  }

  private withPull(c: Call, then: (issue: StoredIssue) => FakeResponse): FakeResponse {
    const issue = this.issues.get(Number(c.params.pull_number));
    return issue?.pull ? then(issue) : json(404, { message: 'Not Found' });
  }

  private withComment(c: Call, then: (comment: StoredComment) => FakeResponse): FakeResponse {
    const comment = this.comments.get(Number(c.params.comment_id));
    return comment ? then(comment) : json(404, { message: 'Not Found' });
  }

  private withCheckRun(c: Call, then: (run: StoredCheckRun) => FakeResponse): FakeResponse {
    const run = this.checkRuns.get(Number(c.params.check_run_id));
    return run ? then(run) : json(404, { message: 'Not Found' });
  }

  private pullOrThrow(number: number): StoredIssue {
    const issue = this.issues.get(number);
    if (!issue?.pull) throw new Error(`no pull request #${number}`);
    return issue;
  }

  private requireRemote(): GitRemote {
    if (!this.remote) throw new Error('this GithubFake has no git remote');
    return this.remote;
  }

  private resolveRef(ref: string): string | undefined {
    return this.remote?.sha(ref.replace(/^refs\/heads\//, '').replace(/^heads\//, ''));
  }

  private userNamed(login: string): FakeUser {
    const known = [...this.tokens.values()].find((u) => u.login === login);
    return known ?? { login, id: this.nextId++, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
  }

  private newIssue(title: string, body: string | null, user: FakeUser): StoredIssue {
    const issue: StoredIssue = { number: this.nextNumber++, title, body, state: 'open', user, labels: [], createdAt: this.tick() };
    this.issues.set(issue.number, issue);
    return issue;
  }

  private newComment(issueNumber: number, user: FakeUser, body: string): StoredComment {
    const now = this.tick();
    const comment: StoredComment = { id: this.nextId++, issueNumber, user, body, createdAt: now, updatedAt: now };
    this.comments.set(comment.id, comment);
    return comment;
  }

  private attachLabel(issue: StoredIssue, name: string): void {
    if (!this.labels.has(name)) this.labels.set(name, { name, color: 'ededed', description: null });
    if (!issue.labels.includes(name)) issue.labels.push(name);
  }

  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  // ---- response shapes (the fields GitHub sends that clients read) -------------------------

  private repoJson(base = this.url): Record<string, unknown> {
    return {
      id: 1,
      name: this.repo,
      full_name: this.fullName,
      owner: { login: this.owner, id: 1, type: 'Organization' },
      private: false,
      fork: false,
      default_branch: this.remote?.defaultBranch ?? 'main',
      url: `${base}/repos/${this.fullName}`,
      html_url: `https://github.com/${this.fullName}`,
    };
  }

  private userJson(user: FakeUser): Record<string, unknown> {
    return { login: user.login, id: user.id, type: user.type, site_admin: false };
  }

  private commentJson(c: StoredComment, base: string): Record<string, unknown> {
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${base}/repos/${this.fullName}/issues/comments/${c.id}`,
      html_url: `https://github.com/${this.fullName}/pull/${c.issueNumber}#issuecomment-${c.id}`,
      issue_url: `${base}/repos/${this.fullName}/issues/${c.issueNumber}`,
      body: c.body,
      user: this.userJson(c.user),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    };
  }

  private labelJson(name: string): Record<string, unknown> {
    const label = this.labels.get(name) ?? { name, color: 'ededed', description: null };
    return { id: hash(name), name, color: label.color, description: label.description, default: false };
  }

  private issueJson(i: StoredIssue, base: string): Record<string, unknown> {
    const kind = i.pull ? 'pull' : 'issues';
    return {
      id: i.number + 100_000,
      number: i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      user: this.userJson(i.user),
      labels: i.labels.map((name) => this.labelJson(name)),
      created_at: i.createdAt,
      url: `${base}/repos/${this.fullName}/issues/${i.number}`,
      html_url: `https://github.com/${this.fullName}/${kind}/${i.number}`,
      ...(i.pull ? { pull_request: { url: `${base}/repos/${this.fullName}/pulls/${i.number}`, merged_at: i.pull.merged ? i.createdAt : null } } : {}),
    };
  }

  private pullJson(i: StoredIssue, base: string): Record<string, unknown> {
    const pull = i.pull!;
    const headRepo = pull.headRepo ?? this.fullName;
    const baseSha = pull.closedBaseSha ?? this.remote?.sha(pull.base) ?? '';
    return {
      ...this.issueJson(i, base),
      id: i.number + 200_000,
      url: `${base}/repos/${this.fullName}/pulls/${i.number}`,
      html_url: `https://github.com/${this.fullName}/pull/${i.number}`,
      draft: pull.draft,
      merged: pull.merged,
      merged_at: pull.merged ? i.createdAt : null,
      merge_commit_sha: pull.mergeCommitSha ?? null,
      requested_reviewers: pull.reviewers.map((login) => ({ login, id: hash(login), type: 'User' })),
      head: { label: `${headRepo.split('/')[0]}:${pull.head}`, ref: pull.head, sha: this.headSha(pull), repo: { full_name: headRepo, fork: headRepo !== this.fullName, name: headRepo.split('/')[1] } },
      base: { label: `${this.owner}:${pull.base}`, ref: pull.base, sha: baseSha, repo: this.repoJson(base) },
    };
  }

  private fileJson(f: ReturnType<GitRemote['changedFiles']>[number], headSha: string, base: string): Record<string, unknown> {
    return {
      sha: hash(`${headSha}:${f.filename}`).toString(16).padStart(40, '0'),
      filename: f.filename,
      status: f.status,
      additions: f.additions,
      deletions: f.deletions,
      changes: f.additions + f.deletions,
      blob_url: `https://github.com/${this.fullName}/blob/${headSha}/${f.filename}`,
      raw_url: `https://github.com/${this.fullName}/raw/${headSha}/${f.filename}`,
      contents_url: `${base}/repos/${this.fullName}/contents/${f.filename}?ref=${headSha}`,
      ...(f.previous_filename ? { previous_filename: f.previous_filename } : {}),
    };
  }

  private contentJson(e: { name: string; path: string; type: 'file' | 'dir'; sha: string; size: number }, ref: string, base: string): Record<string, unknown> {
    const url = `${base}/repos/${this.fullName}/contents/${e.path}?ref=${ref}`;
    return {
      type: e.type,
      name: e.name,
      path: e.path,
      sha: e.sha,
      size: e.size,
      url,
      html_url: `https://github.com/${this.fullName}/blob/${ref}/${e.path}`,
      git_url: `${base}/repos/${this.fullName}/git/${e.type === 'dir' ? 'trees' : 'blobs'}/${e.sha}`,
      download_url: e.type === 'file' ? `https://raw.githubusercontent.com/${this.fullName}/${ref}/${e.path}` : null,
      _links: { self: url, git: null, html: null },
    };
  }

  private checkRunJson(r: StoredCheckRun, base: string): Record<string, unknown> {
    return {
      id: r.id,
      name: r.name,
      head_sha: r.headSha,
      external_id: r.externalId,
      app: r.app ? { id: r.app.id, slug: r.app.slug, name: r.app.slug } : null,
      status: r.status,
      conclusion: r.conclusion,
      url: `${base}/repos/${this.fullName}/check-runs/${r.id}`,
      html_url: `https://github.com/${this.fullName}/runs/${r.id}`,
      output: { title: r.output.title ?? null, summary: r.output.summary ?? null, text: r.output.text ?? null, annotations_count: r.annotations.length },
    };
  }

  private statusJson(s: StoredStatus, base: string): Record<string, unknown> {
    return { id: s.id, state: s.state, context: s.context, description: s.description, target_url: s.targetUrl, url: `${base}/repos/${this.fullName}/statuses/${s.sha}` };
  }

  private refJson(branch: string, sha: string, base: string): Record<string, unknown> {
    return { ref: `refs/heads/${branch}`, url: `${base}/repos/${this.fullName}/git/refs/heads/${branch}`, object: { type: 'commit', sha, url: `${base}/repos/${this.fullName}/git/commits/${sha}` } };
  }
}

/** The limits GitHub enforces beyond its OpenAPI description, with GitHub's 422 wording. */
function limitProblem(operationId: string, body: Record<string, any>): Problem | undefined {
  const tooLong = (field: string, max: number, resource: string): Problem => ({
    status: 422,
    message: 'Validation Failed',
    errors: [{ resource, code: 'unprocessable', field, message: `${field[0].toUpperCase()}${field.slice(1)} is too long (maximum is ${max} characters)` }],
  });
  if ((operationId === 'issues/create-comment' || operationId === 'issues/update-comment') && String(body.body ?? '').length > LIMITS.commentBody) {
    return tooLong('body', LIMITS.commentBody, 'IssueComment');
  }
  if (['issues/create', 'issues/update', 'pulls/create', 'pulls/update'].includes(operationId) && String(body.body ?? '').length > LIMITS.issueBody) {
    return tooLong('body', LIMITS.issueBody, operationId.startsWith('pulls') ? 'PullRequest' : 'Issue');
  }
  if (operationId === 'repos/create-commit-status' && String(body.description ?? '').length > LIMITS.statusDescription) {
    return tooLong('description', LIMITS.statusDescription, 'Status');
  }
  if ((operationId === 'checks/create' || operationId === 'checks/update') && (body.output?.annotations?.length ?? 0) > LIMITS.annotationsPerRequest) {
    return { status: 422, message: `Invalid request.\n\nOnly ${LIMITS.annotationsPerRequest} annotations are allowed per request.` };
  }
  return undefined;
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): FakeResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

/** One page of `items` by per_page/page, with GitHub's Link header. */
function paginate(c: Call, items: unknown[]): FakeResponse {
  const perPage = Math.min(Number(c.query.per_page ?? 30), 100);
  const page = Math.max(Number(c.query.page ?? 1), 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const url = (n: number) => {
    const u = new URL(c.req.url, c.base);
    u.searchParams.set('page', String(n));
    return `<${u.toString()}>`;
  };
  const links: string[] = [];
  if (page < last) links.push(`${url(page + 1)}; rel="next"`, `${url(last)}; rel="last"`);
  if (page > 1) links.push(`${url(1)}; rel="first"`, `${url(page - 1)}; rel="prev"`);
  return json(200, items.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {});
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}
