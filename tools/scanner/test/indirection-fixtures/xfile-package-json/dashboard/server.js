const pkg = require('./package.json');
const axios = require('axios');

async function signIn(user, secret) {
  const res = await axios.post(pkg.tracker.site + pkg.tracker.authEndpoint, { username: user, password: secret });
  return res.headers['set-cookie'];
}

module.exports = { signIn };
