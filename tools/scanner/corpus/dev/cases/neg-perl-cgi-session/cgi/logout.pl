#!/usr/bin/perl
use strict;
use CGI;
use CGI::Session;

my $q = CGI->new;
my $session = CGI::Session->load(undef, $q) or die CGI::Session->errstr;
$session->delete;
print $q->redirect('/');
