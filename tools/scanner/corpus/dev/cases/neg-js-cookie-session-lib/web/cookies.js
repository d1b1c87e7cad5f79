import Cookies from 'js-cookie';

export function rememberTheme(theme) {
  Cookies.set('theme', theme, { expires: 365 });
}

export function sessionName() {
  return Cookies.get('session_name') || 'guest';
}
