using Atlassian.Jira;

namespace Acme
{
    public static class Factory
    {
        public static Jira Create(string url, string email, string apiToken) =>
            Jira.CreateRestClient(url, email, apiToken);
    }
}
