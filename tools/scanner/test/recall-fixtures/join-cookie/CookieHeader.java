package tracker;

import com.fasterxml.jackson.databind.JsonNode;

class CookieHeader {
    static String of(JsonNode answer) {
        JsonNode s = answer.get("session");
        return String.join("=", s.get("name").asText(), s.get("value").asText());
    }
}
