<?php

final class Routes
{
    const AUTH = '/rest/auth/1';
}
