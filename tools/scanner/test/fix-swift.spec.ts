import { expectCleanAndStable, scanAndFix } from './fix-helpers';

const BASIC = `"Basic " + Data("\\(ProcessInfo.processInfo.environment["JIRA_EMAIL"] ?? ""):\\(ProcessInfo.processInfo.environment["JIRA_API_TOKEN"] ?? "")".utf8).base64EncodedString()`;

jest.setTimeout(30_000);

describe('Swift: the session cookie sent as a header', () => {
  it('URLRequest.setValue/addValue(…, forHTTPHeaderField: "Cookie") sends Authorization from the environment', async () => {
    const source = `import Foundation

final class TrackerAPI {
    var sessionID: String?
    let base = URL(string: "https://jira.example.com")!

    func issue(_ key: String) -> URLRequest {
        var request = URLRequest(url: base.appendingPathComponent("rest/api/2/issue/\\(key)"))
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue("JSESSIONID=\\(sessionID ?? "")", forHTTPHeaderField: "Cookie")
        return request
    }

    func search(_ jql: String) -> URLRequest {
        var request = URLRequest(url: base.appendingPathComponent("rest/api/2/search"))
        request.addValue("JSESSIONID=" + (sessionID ?? ""), forHTTPHeaderField: "cookie")
        return request
    }
}
`;
    const result = await scanAndFix('Sources/TrackerAPI.swift', source, 'swift');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain(`request.setValue(${BASIC}, forHTTPHeaderField: "Authorization")`);
    expect(result.after).toContain(`request.addValue(${BASIC}, forHTTPHeaderField: "Authorization")`);
    expect(result.after).toContain('request.setValue("application/json", forHTTPHeaderField: "Accept")');
    expect(result.after).not.toContain('JSESSIONID');
    await expectCleanAndStable(result, 'swift');
  });

  it('a headers dictionary and an Alamofire HTTPHeader: the Cookie entry becomes Authorization (--bearer: a PAT)', async () => {
    const source = `import Alamofire

struct JiraSession { let name: String; let value: String }

func jiraHeaders(_ session: JiraSession) -> HTTPHeaders {
    let headers: [String: String] = ["Accept": "application/json", "Cookie": "\\(session.name)=\\(session.value)"]
    var all = HTTPHeaders(headers)
    all.add(HTTPHeader(name: "Cookie", value: "\\(session.name)=\\(session.value)"))
    return all
}
`;
    const options = { emailVar: 'JIRA_EMAIL', tokenVar: 'JIRA_PAT', bearer: true };
    const result = await scanAndFix('Sources/Headers.swift', source, 'swift', options);
    const bearer = '"Bearer \\(ProcessInfo.processInfo.environment["JIRA_PAT"] ?? "")"';
    expect(result.after).toContain(`["Accept": "application/json", "Authorization": ${bearer}]`);
    expect(result.after).toContain(`HTTPHeader(name: "Authorization", value: ${bearer})`);
    expect(result.fixed.length).toBeGreaterThan(0);
    await expectCleanAndStable(result, 'swift', options);
  });
});
