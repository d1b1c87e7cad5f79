const pkg = require('./package.json');
const axios = require('axios');

async function login(user, pass) {
  const res = await axios.post(pkg.jira.host + pkg.jira.authUrl, { username: user, password: pass });
  return res.headers['set-cookie'];
}

module.exports = { login };
