#import <Foundation/Foundation.h>

NSURLRequest *JiraLoginRequest(NSString *host, NSData *body) {
    NSString *path = [host stringByAppendingString:@"/rest/auth/1/session"];
    NSMutableURLRequest *req = [NSMutableURLRequest requestWithURL:[NSURL URLWithString:path]];
    req.HTTPMethod = @"POST";
    req.HTTPBody = body;
    [req setValue:@"application/json" forHTTPHeaderField:@"Content-Type"];
    return req;
}
