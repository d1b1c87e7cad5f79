<?php

class SignIn
{
    private $prefix = '/rest/auth/1';

    public function __construct(private $http)
    {
    }

    public function start(array $credentials)
    {
        return $this->http->post($this->prefix . '/session', ['json' => $credentials]);
    }
}
