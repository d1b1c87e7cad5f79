import axios from 'axios';
import { TRACKER_AUTH_BASE } from './paths';

export function login(site, credentials) {
  return axios.post(site + TRACKER_AUTH_BASE + '/session', credentials);
}
