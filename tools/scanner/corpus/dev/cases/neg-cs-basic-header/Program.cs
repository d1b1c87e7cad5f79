using System;
using System.Net;
using System.Text;

var request = WebRequest.Create(Environment.GetEnvironmentVariable("JIRA_URL") + "/rest/api/2/search?jql=assignee=currentUser()");
var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable("JIRA_EMAIL") + ":" + Environment.GetEnvironmentVariable("JIRA_API_TOKEN")));
request.Headers.Add("Authorization", "Basic " + auth);
using var response = request.GetResponse();
