import { expectCleanAndStable, scanAndFix } from './fix-helpers';

jest.setTimeout(30_000);

const ENV = (name: string): string => `NSProcessInfo.processInfo.environment[@"${name}"]`;
const BASIC = `[@"Basic " stringByAppendingString:[[[NSString stringWithFormat:@"%@:%@", ${ENV('JIRA_EMAIL')}, ${ENV('JIRA_API_TOKEN')}] dataUsingEncoding:NSUTF8StringEncoding] base64EncodedStringWithOptions:0]]`;

describe('Objective-C: the session cookie sent as a header', () => {
  const SOURCE = `#import "JRIssueClient.h"

@implementation JRIssueClient

- (NSURLRequest *)requestForIssue:(NSString *)key {
    NSURL *url = [self.baseURL URLByAppendingPathComponent:[@"rest/api/2/issue/" stringByAppendingString:key]];
    NSMutableURLRequest *request = [NSMutableURLRequest requestWithURL:url];
    [request setValue:@"application/json" forHTTPHeaderField:@"Accept"];
    [request setValue:[NSString stringWithFormat:@"JSESSIONID=%@", self.sessionID] forHTTPHeaderField:@"Cookie"];
    return request;
}

- (void)configure:(AFHTTPSessionManager *)manager {
    [manager.requestSerializer addValue:self.sessionCookie forHTTPHeaderField:@"cookie"];
    self.extraHeaders = @{@"X-Atlassian-Token": @"no-check", @"Cookie": self.sessionCookie};
}

@end
`;

  it('setValue:/addValue: forHTTPHeaderField:@"Cookie" and a headers dictionary send Authorization from the environment', async () => {
    const result = await scanAndFix('Classes/JRIssueClient.m', SOURCE, 'objc');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain(`[request setValue:${BASIC} forHTTPHeaderField:@"Authorization"];`);
    expect(result.after).toContain(`[manager.requestSerializer addValue:${BASIC} forHTTPHeaderField:@"Authorization"];`);
    expect(result.after).toContain(`@{@"X-Atlassian-Token": @"no-check", @"Authorization": ${BASIC}}`);
    expect(result.after).toContain('[request setValue:@"application/json" forHTTPHeaderField:@"Accept"];');
    await expectCleanAndStable(result, 'objc');
  });

  it('--bearer: the personal access token', async () => {
    const options = { emailVar: 'JIRA_EMAIL', tokenVar: 'JIRA_PAT', bearer: true };
    const result = await scanAndFix('Classes/JRIssueClient.m', SOURCE, 'objc', options);
    expect(result.after).toContain(`[request setValue:[@"Bearer " stringByAppendingString:${ENV('JIRA_PAT')}] forHTTPHeaderField:@"Authorization"];`);
    await expectCleanAndStable(result, 'objc', options);
  });
});
