#!/usr/bin/env perl
use strict;
use warnings;
use JIRA::REST;

my $jira = JIRA::REST->new({ url => $ENV{JIRA_URL}, username => $ENV{JIRA_EMAIL}, password => $ENV{JIRA_API_TOKEN} });
my $search = $jira->POST('/search', undef, { jql => 'status = Open', maxResults => 10 });
print "$_->{key}\n" for @{ $search->{issues} };
