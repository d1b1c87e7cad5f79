using System.Net.Http;
using System.Threading.Tasks;

namespace Client
{
    public class AuthHandler
    {
        private readonly JiraOptions _options;
        private readonly HttpClient _http;

        public AuthHandler(JiraOptions options, HttpClient http)
        {
            _options = options;
            _http = http;
        }

        public Task<HttpResponseMessage> Login(HttpContent body) => _http.PostAsync(_options.BaseUrl + _options.AuthPath, body);
    }
}
