const base = '/rest/auth/1';

module.exports = { base };
