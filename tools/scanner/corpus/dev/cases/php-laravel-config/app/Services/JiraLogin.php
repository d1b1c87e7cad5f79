<?php

namespace App\Services;

use Illuminate\Support\Facades\Http;

class JiraLogin
{
    public function handle(string $user, string $secret): array
    {
        $response = Http::post(config('jira.host') . config('jira.session_uri'), ['username' => $user, 'password' => $secret]);

        return $response->json('session');
    }
}
