<?php

namespace App\Jira;

final class Endpoints
{
    public const SESSION = '/rest/auth/1/session';
    public const SEARCH = '/rest/api/2/search';
}
