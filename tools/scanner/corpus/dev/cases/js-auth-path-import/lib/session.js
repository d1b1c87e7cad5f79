import fetch from 'node-fetch';
import { AUTH_PATH } from './paths.js';

export async function createSession(base, username, password) {
  const response = await fetch(base + AUTH_PATH, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const { session } = await response.json();
  return `${session.name}=${session.value}`;
}
