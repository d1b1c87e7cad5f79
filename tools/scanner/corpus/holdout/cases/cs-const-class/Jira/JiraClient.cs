using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace Acme.Jira
{
    public class JiraClient
    {
        private readonly HttpClient _client;

        public JiraClient(HttpClient client) => _client = client;

        public Task<HttpResponseMessage> SignInAsync(string json) =>
            _client.PostAsync(JiraRoutes.Session, new StringContent(json, Encoding.UTF8, "application/json"));
    }
}
