const axios = require('axios');

const jira = axios.create({ baseURL: process.env.JIRA_URL + '/rest/', withCredentials: true });

async function logout() {
  await jira.delete('auth/1/session');
}

module.exports = { logout };
