using System.Threading.Tasks;
using Flurl.Http;

namespace Integrations
{
    public static class JiraFlurl
    {
        public static Task<IFlurlResponse> Login(string baseUrl, object credentials) =>
            baseUrl
                .AppendPathSegments("rest", "auth", "1", "session")
                .WithHeader("Accept", "application/json")
                .PostJsonAsync(credentials);
    }
}
