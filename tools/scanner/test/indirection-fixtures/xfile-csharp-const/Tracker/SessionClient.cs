using System.Net.Http;
using System.Threading.Tasks;

namespace Tracker.Client
{
    public class SessionClient
    {
        private readonly HttpClient http = new HttpClient();

        public Task<HttpResponseMessage> Open(HttpContent body) => http.PostAsync(JiraPaths.Auth + "/session", body);
    }
}
