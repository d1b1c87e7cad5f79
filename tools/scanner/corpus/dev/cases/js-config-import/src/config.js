module.exports = {
  jira: {
    url: process.env.JIRA_URL,
    username: process.env.JIRA_USER,
    password: process.env.JIRA_PASS,
  },
};
