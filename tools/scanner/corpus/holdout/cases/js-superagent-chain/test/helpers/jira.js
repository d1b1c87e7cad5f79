const request = require('superagent');

exports.login = async function login(base, credentials) {
  const res = await request
    .post(`${base}/rest/auth/1/session`)
    .set('Content-Type', 'application/json')
    .send(credentials);
  return res.headers['set-cookie'];
};
