package zephyr;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.json.JSONObject;

public class JiraSession {
    private final OkHttpClient client = new OkHttpClient();
    private final String url;
    private final String authResource = "/rest/auth/1/session";
    private String sessionName;
    private String sessionValue;

    public JiraSession(String url) {
        this.url = url;
    }

    public void connect(String credentialsJson) throws Exception {
        Request request = new Request.Builder()
                .url(url + authResource)
                .post(RequestBody.create(credentialsJson, MediaType.parse("application/json")))
                .build();
        try (Response response = client.newCall(request).execute()) {
            JSONObject session = new JSONObject(response.body().string()).getJSONObject("session");
            sessionName = session.getString("name");
            sessionValue = session.getString("value");
        }
    }

    public Request.Builder authorized(String path) {
        return new Request.Builder().url(url + path).header("Cookie", sessionName + "=" + sessionValue);
    }
}
