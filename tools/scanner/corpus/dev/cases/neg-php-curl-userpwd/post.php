<?php
$curl = curl_init(getenv('JIRA_URL') . '/rest/api/2/issue');
curl_setopt($curl, CURLOPT_RETURNTRANSFER, 1);
curl_setopt($curl, CURLOPT_HTTPHEADER, ['Content-Type: application/json']);
curl_setopt($curl, CURLOPT_USERPWD, getenv('JIRA_EMAIL') . ':' . getenv('JIRA_API_TOKEN'));
curl_setopt($curl, CURLOPT_POSTFIELDS, file_get_contents($argv[1]));
echo curl_exec($curl);
