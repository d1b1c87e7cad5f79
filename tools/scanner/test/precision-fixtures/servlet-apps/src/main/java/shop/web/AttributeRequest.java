package shop.web;

import shop.web.session.Session;
import shop.web.session.SessionStore;

/** Our own web shop's request wrapper: attributes are set by name and value, the container keeps the session. */
public class AttributeRequest {
    private final SessionStore store;
    private Session session;

    AttributeRequest(SessionStore store) {
        this.store = store;
    }

    void setAttribute(String name, Object value) {
        if (!setSpecial(name, value)) {
            store.put(name, value);
        }
    }

    String sessionHeader(String sessionId) {
        return "JSESSIONID=" + sessionId;
    }

    private boolean setSpecial(String name, Object value) {
        return this.session != null && name.startsWith("shop.");
    }
}
