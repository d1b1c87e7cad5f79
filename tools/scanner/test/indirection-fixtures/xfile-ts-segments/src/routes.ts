export function segments(...parts: string[]): string {
  return '/' + parts.join('/');
}

export const AUTH = segments('rest', 'auth', '1');
