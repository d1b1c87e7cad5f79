// Before: jira-connector logged in with POST /rest/auth/1/session and reused the cookie.
// Now: basic_auth with an API token on every request.
module.exports = function authOptions(email, token) {
  return { basic_auth: { email, api_token: token } };
};
