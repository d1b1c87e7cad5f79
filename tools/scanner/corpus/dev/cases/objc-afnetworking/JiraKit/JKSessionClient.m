#import "JKSessionClient.h"
#import <AFNetworking/AFNetworking.h>

@implementation JKSessionClient

- (void)checkSessionWithSuccess:(void (^)(id response))success failure:(void (^)(NSError *error))failure {
    [self.httpClient getPath:@"auth/latest/session" parameters:nil
                     success:^(AFHTTPRequestOperation *operation, id response) { success(response); }
                     failure:^(AFHTTPRequestOperation *operation, NSError *error) { failure(error); }];
}

@end
