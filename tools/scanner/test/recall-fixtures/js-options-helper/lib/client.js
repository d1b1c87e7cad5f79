var url = require('url');

// Our tracker client: every resource URL is built by one of its helpers.
var TrackerClient = module.exports = function (config) {
    this.host = config.host;
    this.prefix = config.prefix || '/';
    this.authVersion = '1';

    this.authUrl = function (path, version) {
        var base = this.prefix + 'rest/auth/';
        var built = url.format({
            protocol: 'https',
            hostname: this.host,
            pathname: base + (version || this.authVersion) + path
        });
        return decodeURIComponent(built);
    };
};
