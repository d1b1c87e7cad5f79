import type { AxiosInstance } from 'axios';

export async function releaseWebSudo(http: AxiosInstance): Promise<void> {
  await http.delete('/rest/auth/1/websudo');
}
