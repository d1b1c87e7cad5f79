import 'package:http/http.dart' as http;

class Session {
  final Map<String, String> headers = {};

  Future<http.Response> post(Uri url, Object body) async {
    final res = await http.post(url, body: body, headers: headers);
    final raw = res.headers['set-cookie'];
    if (raw != null) headers['cookie'] = raw.split(';').first;
    return res;
  }
}
