using RestSharp;

namespace Tools
{
    public class JiraCookies
    {
        public RestClient Authenticate(string baseUrl, object credentials)
        {
            var client = new RestClient(baseUrl);
            var login = new RestRequest("rest/auth/latest/session", Method.Post).AddJsonBody(credentials);
            var result = client.Execute<LoginResult>(login);
            var authed = new RestClient(baseUrl);
            authed.AddDefaultHeader("Cookie", result.Data.Session.Name + "=" + result.Data.Session.Value);
            return authed;
        }
    }
}
