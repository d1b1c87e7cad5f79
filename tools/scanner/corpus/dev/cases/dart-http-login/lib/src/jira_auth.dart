import 'dart:convert';

import 'package:http/http.dart' as http;

class JiraAuth {
  JiraAuth(this.baseUrl);

  final String baseUrl;
  static const String _sessionPath = '/rest/auth/1/session';
  String? cookie;

  Future<void> login(String user, String secret) async {
    final res = await http.post(Uri.parse(baseUrl + _sessionPath),
        headers: {'Content-Type': 'application/json'},
        body: jsonEncode({'username': user, 'password': secret}));
    final session = jsonDecode(res.body)['session'];
    cookie = '${session['name']}=${session['value']}';
  }
}
