package shop.web;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;

/** Our own web shop: finds the container's session cookie to log which visitor made a request. */
public class SessionFilter {
    static String visitor(HttpServletRequest request) {
        for (Cookie cookie : request.getCookies()) {
            if ("JSESSIONID".equals(cookie.getName())) return cookie.getValue();
        }
        return "anonymous";
    }
}
