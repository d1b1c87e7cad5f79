const express = require('express');

const app = express();
app.use(express.json());

// Our fake tracker for the tests: it answers the old login so the client's error path can be checked.
app.post('/rest/auth/1/session', (req, res) => {
  res.status(410).json({ errorMessages: ['use an API token'] });
});

app.use((req, res, next) => {
  if (req.path === '/rest/auth/1/session' || req.path.startsWith('/rest/auth/1/session')) return res.sendStatus(410);
  return next();
});

module.exports = app;
