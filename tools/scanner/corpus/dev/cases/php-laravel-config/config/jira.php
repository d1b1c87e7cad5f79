<?php

return [
    'host' => env('JIRA_HOST', 'https://jira.example.com'),
    'session_uri' => '/rest/auth/1/session',
];
