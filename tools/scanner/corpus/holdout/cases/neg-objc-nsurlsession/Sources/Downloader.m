#import <Foundation/Foundation.h>

void Download(NSURL *url) {
    NSURLSession *session = [NSURLSession sharedSession];
    [[session dataTaskWithURL:url completionHandler:^(NSData *data, NSURLResponse *response, NSError *error) {
        NSLog(@"%lu bytes", (unsigned long)data.length);
    }] resume];
}
