// The daily audit against the fake GitHub: ONE audit issue, opened for findings, left alone
// while they stay the same, updated when they change, closed when the audit is clean; an issue
// by someone else that quotes the marker is never taken for it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_LOGIN, GithubFake, type StoredIssue } from '../fakes/github.js';
import { FAST_CLIENT } from '../helpers/github.js';
import { cli, tempRepo } from '../helpers/repo.js';
import { AT, AUDIT_REPO, ROUTES_CLEAN, ROUTES_TEXT, VRPS_CSV, VRPS_DESIRED_JSON } from '../audit/fixture.js';

let fake: GithubFake;
let root: string;

beforeAll(async () => {
  fake = new GithubFake();
  await fake.start();
  // the workflow fetches the files leasekit.yaml names; here they are written in place
  root = tempRepo({ ...AUDIT_REPO, 'leasekit.yaml': 'policy:\n  allowDocumentationSpace: true\naudit:\n  routes: [routes/rib.txt]\n  vrps: routes/vrps.csv\n', 'routes/rib.txt': ROUTES_TEXT, 'routes/vrps.csv': VRPS_CSV });
});

afterAll(async () => {
  await fake?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

const audit = (at = AT) => cli(['audit', '--issue', '--at', at, '--format', 'github', '--repo', root], { cwd: root, env: { ...fake.env(), ...FAST_CLIENT } });
const auditIssues = (): StoredIssue[] => [...fake.issues.values()].filter((i) => !i.pull && i.body?.startsWith('<!-- leasekit:audit -->\n'));

describe('leasekit audit --issue', () => {
  it('opens one issue listing the findings, by the bot, labelled', async () => {
    const r = await audit();
    expect(r.code).toBe(1); // error findings
    expect(r.stderr).toMatch(/audit issue: opened #\d+/);
    expect(r.stdout).toContain('::error file=leases/leases.yaml');
    expect(auditIssues()).toHaveLength(1);
    const issue = auditIssues()[0];
    expect(issue.user.login).toBe(BOT_LOGIN);
    expect(issue.labels).toEqual(['leasekit']);
    expect(issue.title).toBe('leasekit audit: 6 errors, 6 warnings in the routing system');
    expect(issue.body).toContain('| error | `route-after-end` | 192\\.0\\.2\\.64/26 | AS64503 | globex\\-old |');
  });

  it('leaves it alone the next day when the findings are the same', async () => {
    const before = auditIssues()[0].body;
    const r = await audit('2026-12-03');
    expect(r.stderr).toMatch(/already describes these findings/);
    expect(auditIssues()).toHaveLength(1);
    expect(auditIssues()[0].body).toBe(before);
  });

  it('ignores an issue by someone else that carries the marker', async () => {
    const mine = auditIssues()[0];
    fake.issues.set(9999, { ...mine, number: 9999, user: { ...mine.user, login: 'mallory' }, title: 'not yours' });
    const r = await audit('2026-12-03');
    expect(r.stderr).toContain(`#${mine.number} already describes`);
    fake.issues.delete(9999);
  });

  it('updates the same issue when the findings change', async () => {
    const number = auditIssues()[0].number;
    fs.writeFileSync(path.join(root, 'routes/rib.txt'), ROUTES_CLEAN);
    const r = await audit();
    expect(r.stderr).toBe(`leasekit: audit issue: updated #${number}\n`);
    expect(auditIssues()).toHaveLength(1);
    expect(auditIssues()[0].title).toBe('leasekit audit: 2 errors, 5 warnings in the routing system');
    expect(auditIssues()[0].body).not.toContain('route-after-end');
  });

  it('closes it, saying so, when the audit is clean; then opens nothing', async () => {
    const number = auditIssues()[0].number;
    fs.writeFileSync(path.join(root, 'routes/vrps.csv'), 'ASN,IP Prefix,Max Length,Trust Anchor\n' + JSON.parse(VRPS_DESIRED_JSON).roas.map((r: { asn: number; prefix: string; maxLength: number }) => `AS${r.asn},${r.prefix},${r.maxLength},ta`).join('\n') + '\n');
    const r = await audit();
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`leasekit: audit issue: clean now; closed #${number}\n`);
    expect(fake.issues.get(number)!.state).toBe('closed');
    expect(fake.commentsOn(number).at(-1)?.body).toContain('the audit is clean');
    const again = await audit();
    expect(again.stderr).toBe('leasekit: audit issue: none (clean)\n');
  });
});
