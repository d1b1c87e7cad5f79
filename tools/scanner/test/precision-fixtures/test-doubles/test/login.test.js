const nock = require('nock');
const request = require('supertest');
const { http, HttpResponse } = require('msw');
const app = require('../server/app');
const tracker = require('../src/tracker');

const handlers = [
  http.post('https://tracker.example/rest/auth/1/session', () => HttpResponse.json({ ok: true })),
];

describe('tracker', () => {
  it('answers the login of the fake tracker', async () => {
    nock('https://tracker.example')
      .post('/rest/auth/1/session')
      .reply(200, { session: { name: 'JSESSIONID', value: 'abc123' } });
    const res = await request(app).post('/rest/auth/1/session').send({ username: 'ci' });
    expect(res.status).toBe(200);
    expect(tracker.lastPath()).toBe('/rest/auth/1/session');
    expect(handlers).toHaveLength(1);
  });

  it('still logs in for real in the integration run', async () => {
    expect(await tracker.http.post('/rest/auth/1/session', { username: 'ci' })).toBeTruthy();
  });
});
