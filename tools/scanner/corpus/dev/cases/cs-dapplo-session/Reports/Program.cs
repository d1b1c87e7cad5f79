using System;
using System.Threading.Tasks;
using Dapplo.Jira;

internal static class Program
{
    private static async Task Main()
    {
        var jira = JiraClient.Create(new Uri(Environment.GetEnvironmentVariable("JIRA_URL")));
        await jira.Session.StartAsync(Environment.GetEnvironmentVariable("JIRA_USER"), Environment.GetEnvironmentVariable("JIRA_PASS"));
        var me = await jira.User.GetMyselfAsync();
        Console.WriteLine(me.DisplayName);
    }
}
