import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

class Urls {
    static final String LOGIN = "https://tracker.invalid/rest/auth/1/session";

    void logout(HttpClient client) throws Exception {
        URI uri = URI.create(LOGIN);
        client.send(HttpRequest.newBuilder(uri).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }
}
