const Client = require('node-rest-client').Client;

const rest = process.env.JIRA_REST || 'https://jira.example.org/rest/';
const client = new Client();

const args = {
  data: { username: process.env.JIRA_USER, password: process.env.JIRA_PASS },
  headers: { 'Content-Type': 'application/json' },
};

client.post(rest + 'auth/1/session', args, (data, res) => {
  if (res.statusCode !== 200) throw new Error('login failed');
  const session = data.session;
  const searchArgs = {
    headers: { cookie: session.name + '=' + session.value, 'Content-Type': 'application/json' },
    data: { jql: 'type=Bug AND status=Closed' },
  };
  client.post(rest + 'api/2/search', searchArgs, (result) => console.log(result.total));
});
