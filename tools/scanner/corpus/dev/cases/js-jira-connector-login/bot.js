const JiraClient = require('jira-connector');

const jira = new JiraClient({ host: process.env.JIRA_HOST });

async function start() {
  await jira.auth.login({ username: process.env.JIRA_USER, password: process.env.JIRA_PASS });
  const me = await jira.myself.getMyself();
  console.log(me.displayName);
}

start();
