var request = require('request');

// Logs in and out with the helper of client.js; the options go to request() in a variable.
module.exports = function Login(client) {
    this.start = function (credentials, done) {
        var options = {
            uri: client.authUrl('/session'),
            method: 'POST',
            json: true,
            body: credentials
        };
        return request(options, done);
    };

    this.whoami = function (done) {
        return request.get(client.authUrl('/session'), done);
    };
};
