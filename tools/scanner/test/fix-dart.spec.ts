import { expectCleanAndStable, scanAndFix } from './fix-helpers';

jest.setTimeout(30_000);

const IO_BASIC = `'Basic \${base64Encode(utf8.encode('\${Platform.environment['JIRA_EMAIL']}:\${Platform.environment['JIRA_API_TOKEN']}'))}'`;

describe('Dart: session logins whose cookie the same function sends', () => {
  it('package:http: the login, its body and cookie go; the headers map sends Authorization (dart:convert and dart:io imported)', async () => {
    const source = `import 'package:http/http.dart' as http;

Future<String> openIssues(String base, String user, String secret) async {
  final login = await http.post(
    Uri.parse('$base/rest/auth/1/session'),
    headers: {'Content-Type': 'application/json'},
    body: '{"username": "$user", "password": "$secret"}',
  );
  final setCookie = login.headers['set-cookie'] ?? '';
  final jsessionid = setCookie.split(';').first;
  final res = await http.get(Uri.parse('$base/rest/api/2/search?jql=resolution=unresolved'), headers: {'Cookie': jsessionid, 'Accept': 'application/json'});
  return res.body;
}
`;
    const result = await scanAndFix('lib/issues.dart', source, 'dart');
    expect(result.manual).toEqual([]);
    expect(result.after?.startsWith("import 'dart:convert';\nimport 'dart:io';\nimport 'package:http/http.dart' as http;\n")).toBe(true);
    expect(result.after).toContain(`headers: {'Authorization': ${IO_BASIC}, 'Accept': 'application/json'}`);
    expect(result.after).not.toMatch(/rest\/auth|secret"|setCookie|jsessionid/);
    await expectCleanAndStable(result, 'dart');
  });

  it("Flutter + dio: the token comes from --dart-define (String.fromEnvironment); options.headers['Cookie'] sends Bearer", async () => {
    const source = `import 'package:dio/dio.dart';
import 'package:flutter/foundation.dart';

class IssueRepository {
  IssueRepository(this.dio, this.base);

  final Dio dio;
  final String base;

  Future<List<dynamic>> mine(String user, String password) async {
    final answer = await dio.post('$base/rest/auth/1/session', data: {'username': user, 'password': password});
    final session = answer.data['session'];
    dio.options.headers['Cookie'] = '\${session['name']}=\${session['value']}';
    final res = await dio.get('$base/rest/api/2/search', queryParameters: {'jql': 'assignee=currentUser()'});
    debugPrint('loaded');
    return res.data['issues'];
  }
}
`;
    const options = { emailVar: 'JIRA_EMAIL', tokenVar: 'JIRA_PAT', bearer: true };
    const result = await scanAndFix('lib/issue_repository.dart', source, 'dart', options);
    expect(result.manual).toEqual([]);
    expect(result.after).toContain(`    dio.options.headers['Authorization'] = 'Bearer \${const String.fromEnvironment('JIRA_PAT')}';\n`);
    expect(result.after).not.toMatch(/rest\/auth|answer|import 'dart:io'/);
    await expectCleanAndStable(result, 'dart', options);
  });

  it('refuses a login that keeps its cookie in a field other code reads: a note, the field stays', async () => {
    const source = `import 'dart:convert';
import 'package:http/http.dart' as http;

class Tracker {
  String? cookie;

  Future<void> login(String base, String user, String secret) async {
    final res = await http.post(Uri.parse('$base/rest/auth/1/session'), body: jsonEncode({'username': user, 'password': secret}));
    final session = jsonDecode(res.body)['session'];
    cookie = '\${session['name']}=\${session['value']}';
  }
}
`;
    const result = await scanAndFix('lib/tracker.dart', source, 'dart');
    expect(result.status).toBe('manual');
    expect(result.edits).toEqual([]);
  });

  it('refuses a login into a cookie jar (dio CookieManager): its answer reaches no header, removing it would leave the calls anonymous', async () => {
    const source = `import 'package:dio/dio.dart';
import 'package:dio_cookie_manager/dio_cookie_manager.dart';
import 'package:cookie_jar/cookie_jar.dart';

Future<dynamic> me(String base, String user, String secret) async {
  final dio = Dio()..interceptors.add(CookieManager(CookieJar()));
  await dio.post('$base/rest/auth/1/session', data: {'username': user, 'password': secret});
  return (await dio.get('$base/rest/api/2/myself')).data;
}
`;
    const result = await scanAndFix('lib/me.dart', source, 'dart');
    expect(result.status).toBe('manual');
  });
});
