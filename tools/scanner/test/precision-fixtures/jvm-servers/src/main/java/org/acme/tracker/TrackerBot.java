package org.acme.tracker;

import okhttp3.OkHttpClient;
import okhttp3.Request;

/** A chat bot that logs in to Jira: `reply(…)` and `enqueue(…)` here send real requests. */
public class TrackerBot {
    private final OkHttpClient http = new OkHttpClient();

    void onLogin(Channel channel, Message message, String base, String body) {
        channel.reply(message, client.post(base + "/rest/auth/1/session", body));
    }

    void onLogout(String base, Callback callback) {
        http.newCall(new Request.Builder().url(base + "/rest/auth/latest/session").delete().build()).enqueue(callback);
    }
}
