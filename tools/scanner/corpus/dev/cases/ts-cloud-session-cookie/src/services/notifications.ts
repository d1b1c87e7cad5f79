import type { HttpClient } from './http-client';

export class Notifications {
  private cloudSession?: { name: string; value: string };

  constructor(private readonly http: HttpClient, private readonly baseUrl: string) {}

  private async session(): Promise<{ name: string; value: string }> {
    if (!this.cloudSession) {
      const res = await this.http.send('POST', this.baseUrl + '/rest/auth/1/session', { Origin: this.baseUrl });
      this.cloudSession = res.session;
    }
    return this.cloudSession!;
  }

  async list(): Promise<unknown> {
    const s = await this.session();
    return this.http.send('GET', this.baseUrl + '/gateway/api/notification-log/api/2/notifications', {
      cookie: `${s.name}=${s.value}`,
    });
  }
}
