const axios = require('axios');
const config = require('./config');

async function login() {
  const urltext = `${config.jira.url}/rest/auth/1/session`;
  const res = await axios.post(urltext, {
    username: config.jira.username,
    password: config.jira.password,
  });
  return res.data.session;
}

module.exports = { login };
