import { createTestDatabase, TEST_DATABASE_KINDS, TestDatabase } from '@tokenshift/db/testing';
import { bearer, createToken, RunningServer, sessionCookie, startServer } from '@tokenshift/testing';

/**
 * Issue 20: editing, deleting, commenting on and transitioning issues the way Jira clients do, the
 * history those changes leave (`expand=changelog`), and `fields=`/`expand=` on issue GET and search.
 */
const API = '/rest/api/2';

describe.each(TEST_DATABASE_KINDS)('writing issues on %s', (kind) => {
  let database: TestDatabase;
  let server: RunningServer;
  let admin: Record<string, string>;
  let readOnly: Record<string, string>;
  let alice: Record<string, string>;

  async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
    const response = await fetch(`${server.url}${API}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
  const get = (path: string, headers = admin) => call('GET', path, headers);

  async function createIssue(summary: string, extra: Record<string, unknown> = {}): Promise<string> {
    const created = await call('POST', '/issue', admin, { fields: { project: { key: 'DEMO' }, issuetype: { name: 'Bug' }, summary, ...extra } });
    expect(created.status).toBe(201);
    return created.body.key;
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind, 'e2e_issue_write');
    server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true' }, 90_000);
    admin = { authorization: `Bearer ${server.demoToken()}` };
    const demoCookie = await sessionCookie(server.url, 'demo');
    readOnly = bearer((await createToken(server.url, { cookie: demoCookie }, { name: 'read only', scopes: ['read'] })).body.token);
    alice = { cookie: await sessionCookie(server.url, 'alice') };
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('edits with `fields` and `update` (204), and the issue and its changelog show every change', async () => {
    const key = await createIssue('Old summary', { labels: ['keep', 'drop'] });
    const edited = await call('PUT', `/issue/${key}`, admin, {
      fields: { summary: 'New summary', description: 'Line one\n\nLine two', assignee: { name: 'alice' }, priority: { name: 'High' }, duedate: '2027-01-31' },
      update: { labels: [{ add: 'added' }, { remove: 'drop' }] },
    });
    expect(edited).toEqual({ status: 204, body: undefined });

    const { status, body } = await get(`/issue/${key}?expand=changelog`);
    expect(status).toBe(200);
    expect(body.fields).toMatchObject({
      summary: 'New summary',
      description: 'Line one\n\nLine two',
      assignee: { name: 'alice' },
      priority: { name: 'High', id: '2' },
      duedate: '2027-01-31',
      labels: ['keep', 'added'],
    });
    expect(body.changelog.total).toBe(1);
    const [history] = body.changelog.histories;
    expect(history).toMatchObject({ id: expect.stringMatching(/^\d+$/), author: { name: 'demo' }, created: expect.stringMatching(/\+0000$/) });
    // The due date is a column JQL reads.
    const due = await call('POST', '/search', admin, { jql: `key = ${key} AND duedate = "2027-01-31" AND duedate < "2027-02-01"`, fields: ['duedate'] });
    expect(due.body.issues.map((found: { key: string }) => found.key)).toEqual([key]);
    const byField = Object.fromEntries(history.items.map((item: { field: string }) => [item.field, item]));
    expect(byField).toEqual({
      summary: { field: 'summary', fieldtype: 'jira', from: null, fromString: 'Old summary', to: null, toString: 'New summary' },
      description: { field: 'description', fieldtype: 'jira', from: null, fromString: null, to: null, toString: 'Line one\n\nLine two' },
      labels: { field: 'labels', fieldtype: 'jira', from: null, fromString: 'keep drop', to: null, toString: 'keep added' },
      assignee: { field: 'assignee', fieldtype: 'jira', from: null, fromString: null, to: 'alice', toString: 'Alice Example' },
      priority: { field: 'priority', fieldtype: 'jira', from: '3', fromString: 'Medium', to: '2', toString: 'High' },
      duedate: { field: 'duedate', fieldtype: 'jira', from: null, fromString: null, to: '2027-01-31', toString: '2027-01-31 00:00:00.0' },
    });

    // `update` with set, clearing fields, and an edit that changes nothing records nothing.
    const withComment = { update: { labels: [{ set: ['only'] }], summary: [{ set: 'Set by update' }], comment: [{ add: { body: 'Edited.' } }] }, fields: { assignee: null, duedate: null } };
    expect((await call('PUT', `/issue/${key}`, admin, withComment)).status).toBe(204);
    expect((await call('PUT', `/issue/${key}`, admin, { fields: { summary: 'Set by update' } })).status).toBe(204);
    const after = await get(`/issue/${key}?expand=changelog`);
    expect(after.body.fields).toMatchObject({ summary: 'Set by update', labels: ['only'], assignee: null, duedate: null });
    expect(after.body.fields.comment.comments.map((comment: { body: string }) => comment.body)).toEqual(['Edited.']);
    expect(after.body.changelog.total).toBe(2);
  });

  it('keeps every change when edits of one issue arrive at once (none is lost to another)', async () => {
    const key = await createIssue('Busy');
    const labels = Array.from({ length: 10 }, (_, i) => `l${i}`);
    const answers = await Promise.all(labels.map((label) => call('PUT', `/issue/${key}`, admin, { update: { labels: [{ add: label }] } })));
    expect(answers.map((answer) => answer.status)).toEqual(labels.map(() => 204));
    const { body } = await get(`/issue/${key}?fields=labels&expand=changelog`);
    expect([...body.fields.labels].sort()).toEqual(labels);
    expect(body.changelog.total).toBe(10);
  });

  it('answers bad edits with 400 and Jira\'s errors map, by field, and changes nothing', async () => {
    const key = await createIssue('Stays as it is');
    const cases: Array<[unknown, Record<string, unknown>]> = [
      [{ fields: { nosuchfield: 'x' } }, { nosuchfield: expect.stringContaining("Field 'nosuchfield' cannot be set") }],
      [{ fields: { priority: { name: 'Urgent!' } } }, { priority: 'The priority selected is invalid.' }],
      [{ fields: { assignee: { name: 'nobody-here' } } }, { assignee: "User 'nobody-here' does not exist." }],
      [{ fields: { duedate: '2027-02-30' } }, { duedate: 'Error parsing date string: 2027-02-30' }],
      [{ fields: { summary: '  ' } }, { summary: 'You must specify a summary of the issue.' }],
      [{ fields: { summary: 'x'.repeat(256) } }, { summary: expect.stringContaining('less than 256') }],
      [{ update: { labels: [{ add: 'has space' }] } }, { labels: "The label 'has space' contains spaces which is invalid." }],
      [{ update: { labels: [{ explode: 'x' }] } }, { labels: expect.stringContaining('supports the operations') }],
      [{ update: { labels: 'add' } }, { labels: expect.stringContaining('must be a list') }],
      [{ update: { summary: [{ set: 'a' }] }, fields: { summary: 'b' } }, { summary: expect.stringContaining("both 'fields' and 'update'") }],
      [{ fields: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, i])) }, { fields: expect.stringContaining('At most 100') }],
    ];
    for (const [body, errors] of cases) {
      const answer = await call('PUT', `/issue/${key}`, admin, body);
      expect({ body, status: answer.status, answer: answer.body }).toEqual({ body, status: 400, answer: { errorMessages: [], errors } });
    }
    for (const body of ['{"fields": [1]}', '{"fields": "x"}', 'not json', '{"update": 3}']) {
      const answer = await call('PUT', `/issue/${key}`, admin, body);
      expect({ body, status: answer.status, envelope: Object.keys(answer.body).sort() }).toEqual({ body, status: 400, envelope: ['errorMessages', 'errors'] });
    }
    expect((await call('PUT', '/issue/DEMO-99999', admin, { fields: { summary: 'x' } })).status).toBe(404);
    const unchanged = await get(`/issue/${key}?expand=changelog`);
    expect(unchanged.body.fields.summary).toBe('Stays as it is');
    expect(unchanged.body.changelog.total).toBe(0);
  });

  it('needs the write scope to change anything and the read scope to look', async () => {
    const key = await createIssue('Guarded');
    for (const [method, path, body] of [
      ['PUT', `/issue/${key}`, { fields: { summary: 'x' } }],
      ['DELETE', `/issue/${key}`, undefined],
      ['POST', `/issue/${key}/comment`, { body: 'x' }],
      ['POST', `/issue/${key}/transitions`, { transition: { id: '41' } }],
    ] as const) {
      expect({ method, path, status: (await call(method, path, readOnly, body)).status }).toEqual({ method, path, status: 403 });
    }
    for (const path of [`/issue/${key}`, `/issue/${key}/comment`, `/issue/${key}/transitions`]) {
      expect({ path, status: (await get(path, readOnly)).status }).toEqual({ path, status: 200 });
      expect({ path, status: (await get(path, {})).status }).toEqual({ path, status: 401 });
    }
  });

  it('adds, lists (paged) and reads comments in Jira\'s shape, and renders their bodies escaped', async () => {
    const key = await createIssue('Commented');
    const bodies = ['First <script>alert(1)</script>', 'Second & "quoted"\nnext line', 'Third'];
    const ids: string[] = [];
    for (const body of bodies) {
      const added = await call('POST', `/issue/${key}/comment`, admin, { body });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ id: expect.stringMatching(/^\d+$/), body, author: { name: 'demo' }, updateAuthor: { name: 'demo' }, created: expect.stringMatching(/\+0000$/) });
      expect(added.body.self).toBe(`${server.url}${API}/issue/${(await get(`/issue/${key}`)).body.id}/comment/${added.body.id}`);
      ids.push(added.body.id);
    }
    const page = await get(`/issue/${key}/comment?startAt=1&maxResults=1`);
    expect(page.body).toMatchObject({ startAt: 1, maxResults: 1, total: 3, comments: [{ id: ids[1], body: bodies[1] }] });
    const newestFirst = await get(`/issue/${key}/comment?orderBy=-created`);
    expect(newestFirst.body.comments.map((comment: { id: string }) => comment.id)).toEqual([...ids].reverse());

    const one = await get(`/issue/${key}/comment/${ids[0]}?expand=renderedBody`);
    expect(one.body).toMatchObject({ id: ids[0], body: bodies[0], renderedBody: '<p>First &lt;script&gt;alert(1)&lt;/script&gt;</p>' });
    expect((await get(`/issue/${key}/comment/${ids[1]}?expand=renderedBody`)).body.renderedBody).toBe('<p>Second &amp; &quot;quoted&quot;<br/>\nnext line</p>');
    expect((await get(`/issue/${key}/comment/99999999`)).status).toBe(404);
    expect((await get(`/issue/DEMO-1/comment/${ids[0]}`)).status).toBe(404); // another issue's comment
    expect((await get(`/issue/DEMO-99999/comment`)).status).toBe(404);

    // The issue's `comment` field (in `*all`, not in `*navigable`) and its rendered form.
    const issue = await get(`/issue/${key}?expand=renderedFields`);
    expect(issue.body.fields.comment).toMatchObject({ total: 3, comments: [{ body: bodies[0] }, { body: bodies[1] }, { body: bodies[2] }] });
    expect(issue.body.renderedFields.comment.comments[0].body).toBe('<p>First &lt;script&gt;alert(1)&lt;/script&gt;</p>');

    for (const body of [{}, { body: '' }, { body: 42 }, { body: 'x'.repeat(32_768) }, { body: 'x', visibility: { type: 'role', value: 'Administrators' } }]) {
      const refused = await call('POST', `/issue/${key}/comment`, admin, body);
      expect({ body: JSON.stringify(body).slice(0, 60), status: refused.status, messages: refused.body.errorMessages.length }).toEqual({ body: JSON.stringify(body).slice(0, 60), status: 400, messages: 1 });
    }
    // A body past the Jira resources' limit (256 KB) is refused before it is parsed.
    const tooLarge = await call('POST', `/issue/${key}/comment`, admin, { body: 'x'.repeat(300_000) });
    expect(tooLarge).toEqual({ status: 413, body: { errorMessages: [expect.any(String)], errors: {} } });
    for (const query of ['maxResults=1001', 'startAt=-1', 'orderBy=summary', 'maxResults=abc']) {
      expect({ query, status: (await get(`/issue/${key}/comment?${query}`)).status }).toEqual({ query, status: 400 });
    }
    expect((await get(`/issue/${key}/comment`)).body.total).toBe(3);
  });

  it('lists the workflow\'s transitions and takes them: Closed sets a resolution, reopening clears it, both recorded', async () => {
    const key = await createIssue('To be closed');
    const listed = await get(`/issue/${key}/transitions?expand=transitions.fields`);
    expect(listed.status).toBe(200);
    const names = listed.body.transitions.map((transition: { id: string; name: string; to: { name: string } }) => [transition.id, transition.name, transition.to.name]);
    // The workflow's global transitions, but the one to the status the issue is in.
    expect(names).toEqual([
      ['21', 'In Progress', 'In Progress'],
      ['31', 'Done', 'Done'],
      ['41', 'Close Issue', 'Closed'],
    ]);
    const close = listed.body.transitions.find((transition: { id: string }) => transition.id === '41');
    expect(close.fields.resolution).toMatchObject({ required: false, allowedValues: expect.arrayContaining([expect.objectContaining({ name: "Won't Fix", id: '2' })]) });
    expect(close.to).toMatchObject({ id: '6', statusCategory: { key: 'done' } });

    // Invalid transitions: Jira's 400 and message.
    for (const id of ['11', '51']) {
      expect(await call('POST', `/issue/${key}/transitions`, admin, { transition: { id } })).toEqual({
        status: 400,
        body: { errorMessages: [`Transition id '${id}' is not valid for this issue.`], errors: {} },
      });
    }
    expect((await call('POST', `/issue/${key}/transitions`, admin, {})).body.errorMessages).toEqual(["Missing 'transition' identifier"]);
    expect((await call('POST', `/issue/${key}/transitions`, admin, { transition: { id: '41' }, fields: { resolution: { name: 'Nope' } } })).status).toBe(400);

    const closed = await call('POST', `/issue/${key}/transitions`, admin, {
      transition: { id: '41' },
      fields: { resolution: { name: "won't fix" } },
      update: { comment: [{ add: { body: 'Closing this.' } }] },
    });
    expect(closed).toEqual({ status: 204, body: undefined });
    const issue = await get(`/issue/${key}?expand=changelog,transitions`);
    expect(issue.body.fields).toMatchObject({ status: { name: 'Closed', id: '6' }, resolution: { name: "Won't Fix", id: '2' }, resolutiondate: expect.stringMatching(/\+0000$/) });
    expect(issue.body.fields.comment.comments.map((comment: { body: string }) => comment.body)).toEqual(['Closing this.']);
    expect(issue.body.transitions.map((transition: { id: string }) => transition.id)).toEqual(['11', '21', '31']);
    expect(issue.body.changelog.histories[0].items).toEqual([
      { field: 'status', fieldtype: 'jira', from: '10000', fromString: 'To Do', to: '6', toString: 'Closed' },
      { field: 'resolution', fieldtype: 'jira', from: null, fromString: null, to: '2', toString: "Won't Fix" },
    ]);
    const search = await call('POST', '/search', admin, { jql: 'type = Bug AND status = Closed', fields: ['summary', 'status'] });
    expect(search.body.issues.map((found: { key: string }) => found.key)).toContain(key);

    expect((await call('POST', `/issue/${key}/transitions`, admin, { transition: { name: 'to do' } })).status).toBe(204);
    const reopened = await get(`/issue/${key}?fields=status,resolution,resolutiondate&expand=changelog`);
    expect(reopened.body.fields).toEqual({ status: expect.objectContaining({ name: 'To Do' }), resolution: null, resolutiondate: null });
    expect(reopened.body.changelog.total).toBe(2);
    expect(reopened.body.changelog.histories[1].items.map((item: { field: string; toString: string | null }) => [item.field, item.toString])).toEqual([
      ['status', 'To Do'],
      ['resolution', null],
    ]);
    // A move to Done without a resolution gets Done.
    expect((await call('POST', `/issue/${key}/transitions`, admin, { transition: { id: '31' } })).status).toBe(204);
    expect((await get(`/issue/${key}?fields=resolution`)).body.fields.resolution).toMatchObject({ name: 'Done', id: '10000' });
  });

  it('honours fields= and expand= on issue GET and on search (GET and POST)', async () => {
    const key = await createIssue('Viewed <b>bold</b>', { description: 'a < b & c\n\n<img src=x onerror=alert(1)>', labels: ['view'] });
    await call('POST', `/issue/${key}/comment`, admin, { body: 'a comment' });

    const only = await get(`/issue/${key}?fields=summary,status`);
    expect(Object.keys(only.body.fields).sort()).toEqual(['status', 'summary']);
    expect(only.body).toMatchObject({ key, id: expect.stringMatching(/^\d+$/) });
    const allButComment = await get(`/issue/${key}?fields=*all,-comment,-description`);
    expect(allButComment.body.fields).toHaveProperty('duedate');
    expect(allButComment.body.fields).not.toHaveProperty('comment');
    expect(allButComment.body.fields).not.toHaveProperty('description');
    expect((await get(`/issue/${key}`)).body.fields).toHaveProperty('comment');
    expect((await get(`/issue/${key}?fields=*navigable`)).body.fields).not.toHaveProperty('comment');
    expect((await get(`/issue/${key}?fields=-labels`)).body.fields).toHaveProperty('comment');

    const rendered = await get(`/issue/${key}?fields=summary,description&expand=renderedFields,names`);
    expect(rendered.body.renderedFields).toEqual({ summary: null, description: '<p>a &lt; b &amp; c</p>\n\n<p>&lt;img src=x onerror=alert(1)&gt;</p>' });
    expect(rendered.body.names).toEqual({ summary: 'Summary', description: 'Description' });

    const jql = `key = ${key}`;
    const byGet = await get(`/search?jql=${encodeURIComponent(jql)}&fields=summary,labels&expand=names,renderedFields`);
    expect(byGet.body.issues[0].fields).toEqual({ summary: 'Viewed <b>bold</b>', labels: ['view'] });
    expect(byGet.body.names).toEqual({ summary: 'Summary', labels: 'Labels' });
    expect(byGet.body.issues[0]).not.toHaveProperty('names');
    const byPost = await call('POST', '/search', admin, { jql, fields: ['description', 'comment'], expand: ['renderedFields', 'changelog'] });
    expect(byPost.body.issues[0].fields.comment.comments[0].body).toBe('a comment');
    expect(byPost.body.issues[0].renderedFields.description).toContain('&lt;img');
    expect(byPost.body.issues[0].changelog).toMatchObject({ total: 0, histories: [] });
    const cloud = await get(`/search/jql?jql=${encodeURIComponent(jql)}&fields=summary,-labels&expand=renderedFields`);
    expect(cloud.body.issues[0].fields).toEqual({ summary: 'Viewed <b>bold</b>' });
    expect(cloud.body.issues[0].renderedFields).toEqual({ summary: null });
    const navigableByDefault = await call('POST', '/search', admin, { jql });
    expect(navigableByDefault.body.issues[0].fields).not.toHaveProperty('comment');
    expect(navigableByDefault.body.issues[0].fields).toHaveProperty('resolution', null);

    // Pages that cost queries per issue are capped; bad lists are a 400, not a 500.
    for (const costly of [{ expand: 'changelog' }, { expand: ['transitions'] }, { fields: ['*all'] }]) {
      expect({ costly, maxResults: (await call('POST', '/search', admin, { jql: '', maxResults: 1000, ...costly })).body.maxResults }).toEqual({ costly, maxResults: 100 });
    }
    expect((await call('POST', '/search', admin, { jql: '', maxResults: 1000 })).body.maxResults).toBe(1000);
    for (const query of ['fields=' + Array.from({ length: 101 }, (_, i) => `f${i}`).join(','), `expand=${'x'.repeat(256)}`]) {
      expect({ query, status: (await get(`/issue/${key}?${query}`)).status }).toEqual({ query, status: 400 });
    }
    for (const body of [{ fields: [1, 2] }, { fields: Array.from({ length: 101 }, (_, i) => `f${i}`) }, { expand: { a: 1 } }, { fields: ['x'.repeat(256)] }]) {
      const answer = await call('POST', '/search', admin, body);
      expect({ status: answer.status, envelope: Object.keys(answer.body).sort() }).toEqual({ status: 400, envelope: ['errorMessages', 'errors'] });
    }
  });

  it('deletes an issue (204) for its reporter or an admin, with its comments and history; others get 403', async () => {
    const key = await createIssue('Short-lived');
    await call('POST', `/issue/${key}/comment`, admin, { body: 'gone soon' });
    await call('PUT', `/issue/${key}`, admin, { fields: { summary: 'Still short-lived' } });
    expect(await call('DELETE', `/issue/${key}`, alice)).toEqual({
      status: 403,
      body: { errorMessages: ['You do not have permission to delete issues in this project.'], errors: {} },
    });
    expect((await call('DELETE', `/issue/${key}`, admin)).status).toBe(204);
    expect((await get(`/issue/${key}`)).status).toBe(404);
    expect((await get(`/issue/${key}/comment`)).status).toBe(404);
    expect(await call('DELETE', `/issue/${key}`, admin)).toEqual({ status: 404, body: { errorMessages: ['Issue Does Not Exist'], errors: {} } });
  });
});
