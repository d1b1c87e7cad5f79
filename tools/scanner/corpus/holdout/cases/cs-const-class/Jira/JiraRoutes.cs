namespace Acme.Jira
{
    internal static class JiraRoutes
    {
        public const string Session = "/rest/auth/1/session";
        public const string Search = "/rest/api/2/search";
    }
}
