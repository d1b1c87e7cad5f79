<?php

use GuzzleHttp\Client;
use GuzzleHttp\Cookie\CookieJar;

function jira_session(string $base, string $user, string $secret): Client
{
    $jar = new CookieJar();
    $client = new Client(['base_uri' => $base, 'cookies' => $jar]);
    $client->request('POST', 'rest/auth/1/session', ['json' => ['username' => $user, 'password' => $secret]]);
    return $client;
}
