<?php

namespace App\Jira;

use GuzzleHttp\Client as Guzzle;

class Client
{
    public function __construct(private Guzzle $http)
    {
    }

    public function login(string $user, string $secret): void
    {
        $this->http->post(Endpoints::SESSION, ['json' => ['username' => $user, 'password' => $secret]]);
    }
}
