<?php

use JiraRestApi\Configuration\ArrayConfiguration;
use JiraRestApi\Issue\IssueService;

$config = new ArrayConfiguration([
    'jiraHost' => getenv('JIRA_HOST'),
    'jiraUser' => getenv('JIRA_USER'),
    'jiraPassword' => getenv('JIRA_PASS'),
    'cookieAuthEnabled' => getenv('JIRA_COOKIE_AUTH') === '1',
    'cookieFile' => storage_path('jira-cookie.txt'),
]);

$issues = new IssueService($config);
