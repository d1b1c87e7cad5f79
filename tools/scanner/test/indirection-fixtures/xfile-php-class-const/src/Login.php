<?php

class Login
{
    public function __construct(private $http)
    {
    }

    public function open(array $credentials)
    {
        return $this->http->post(Routes::AUTH . '/session', ['json' => $credentials]);
    }
}
