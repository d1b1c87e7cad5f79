export async function whoAmI(base, creds) {
  const signIn = await axios.post(`${base}/rest/auth/1/session`, creds);
  return axios.get(`${base}/rest/api/2/myself`, { headers: { Cookie: signIn.headers['set-cookie'] } });
}
