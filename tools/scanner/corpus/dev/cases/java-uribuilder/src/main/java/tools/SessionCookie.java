package tools;

import java.net.URI;
import org.apache.http.client.utils.URIBuilder;

public class SessionCookie {
    public URI loginUri(String host, int port) throws Exception {
        return new URIBuilder()
                .setScheme("https")
                .setHost(host)
                .setPort(port)
                .setPath("rest/auth/1/session")
                .build();
    }
}
