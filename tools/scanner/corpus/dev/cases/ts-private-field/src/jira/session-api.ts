import axios, { AxiosInstance } from 'axios';

export class SessionApi {
  private readonly authBase = '/rest/auth/1';
  private readonly http: AxiosInstance;

  constructor(baseURL: string) {
    this.http = axios.create({ baseURL, withCredentials: true });
  }

  async login(username: string, password: string): Promise<void> {
    await this.http.post(this.authBase + '/session', { username, password });
  }

  async logout(): Promise<void> {
    await this.http.delete(`${this.authBase}/session`);
  }
}
