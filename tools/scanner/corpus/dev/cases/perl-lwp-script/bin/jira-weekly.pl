#!/usr/bin/env perl
use strict;
use warnings;
use LWP::UserAgent;
use HTTP::Cookies;
use JSON;

my $base = $ENV{JIRA_URL};
my $ua = LWP::UserAgent->new(cookie_jar => HTTP::Cookies->new);
my $res = $ua->post("$base/rest/auth/latest/session",
    'Content-Type' => 'application/json',
    Content => encode_json({ username => $ENV{JIRA_USER}, password => $ENV{JIRA_PASS} }));
die $res->status_line unless $res->is_success;
print $ua->get("$base/rest/api/2/search?jql=updated>-7d")->decoded_content;
