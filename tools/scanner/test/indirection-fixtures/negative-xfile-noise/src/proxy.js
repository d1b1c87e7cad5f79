import { HELP, TRACKER_AUTH_BASE } from './paths';

// Forwards the app's own session cookie; the tracker base is only used for websudo.
export function forward(api, res) {
  const current = api.session;
  res.setHeader('Set-Cookie', current.name + '=' + current.value);
  console.log(HELP);
  return fetch(TRACKER_AUTH_BASE + '/websudo', { method: 'DELETE' });
}
