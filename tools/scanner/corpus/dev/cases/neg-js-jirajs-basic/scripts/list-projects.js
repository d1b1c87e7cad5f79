const { Version3Client } = require('jira.js');

const client = new Version3Client({
  host: process.env.JIRA_HOST,
  authentication: { basic: { email: process.env.JIRA_EMAIL, apiToken: process.env.JIRA_API_TOKEN } },
});

client.projects.searchProjects().then((page) => page.values.forEach((p) => console.log(p.key)));
