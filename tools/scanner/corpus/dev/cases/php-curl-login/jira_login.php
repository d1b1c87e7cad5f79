<?php
$base = getenv('JIRA_URL');
$ch = curl_init($base . '/rest/auth/1/session');
curl_setopt($ch, CURLOPT_POST, true);
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
curl_setopt($ch, CURLOPT_HTTPHEADER, ['Content-Type: application/json']);
curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode(['username' => getenv('JIRA_USER'), 'password' => getenv('JIRA_PASS')]));
$login = json_decode(curl_exec($ch));
curl_close($ch);

$cookie = $login->session->name . '=' . $login->session->value;
$ch = curl_init($base . '/rest/api/2/search?jql=assignee=currentUser()');
curl_setopt($ch, CURLOPT_HTTPHEADER, ['Cookie: ' . $cookie]);
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
echo curl_exec($ch);
