package Tracker::Jira;
use strict;
use warnings;
use REST::Client;
use JSON;

sub new {
    my ($class, %args) = @_;
    my $self = bless { url => $args{url}, rest => REST::Client->new(host => $args{url}) }, $class;
    return $self;
}

sub login {
    my ($self, $user, $secret) = @_;
    $self->{rest}->POST('/rest/auth/1/session', encode_json({ username => $user, password => $secret }),
        { 'Content-Type' => 'application/json' });
    my $session = decode_json($self->{rest}->responseContent)->{session};
    $self->{cookie} = "$session->{name}=$session->{value}";
}

sub logout {
    my ($self) = @_;
    $self->{rest}->DELETE('/rest/auth/1/session');
}

1;
