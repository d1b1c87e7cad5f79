using System.Threading.Tasks;
using Flurl.Http;

public static class TrackerLogin
{
    public static Task<IFlurlResponse> Start(string site, object body) =>
        site
            .AppendPathSegments("rest", "auth", "latest", "session")
            .WithHeader("Accept", "application/json")
            .PostJsonAsync(body);
}
