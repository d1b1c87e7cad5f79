<?php

namespace Acme\Jira\Auth;

use Acme\Jira\HttpClient;

class SessionService
{
    private $authApi = '/rest/auth/1';
    private $resource = 'session';

    public function __construct(private HttpClient $http)
    {
    }

    public function login(string $user, string $secret): object
    {
        $body = json_encode(['username' => $user, 'password' => $secret]);

        return $this->http->exec($this->authApi . '/' . $this->resource, $body, 'POST');
    }

    public function logout(): void
    {
        $this->http->exec($this->authApi . '/' . $this->resource, null, 'DELETE');
    }
}
