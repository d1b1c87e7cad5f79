namespace Client
{
    public class JiraOptions
    {
        public string BaseUrl { get; set; } = "https://jira.example.com";
        public string AuthPath { get; set; } = "/rest/auth/1/session";
    }
}
