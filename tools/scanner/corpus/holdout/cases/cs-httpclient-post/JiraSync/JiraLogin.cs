using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;

namespace JiraSync
{
    public sealed class JiraLogin
    {
        private readonly HttpClient _http;

        public JiraLogin(HttpClient http) => _http = http;

        public async Task<string> LoginAsync(string user, string secret)
        {
            var response = await _http.PostAsJsonAsync("rest/auth/1/session", new { username = user, password = secret });
            var body = await response.Content.ReadFromJsonAsync<LoginResult>();
            return $"{body.Session.Name}={body.Session.Value}";
        }
    }
}
