package org.acme.tracker;

import javax.servlet.annotation.WebFilter;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(urlPatterns = "/rest/auth/1/session")
public class SessionServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
        Cookie cookie = new Cookie("JSESSIONID", req.getSession(true).getId());
        cookie.setHttpOnly(true);
        resp.addCookie(cookie);
        resp.setHeader("Set-Cookie", "JSESSIONID=" + req.getSession().getId() + "; Path=/tracker");
    }
}

@WebFilter("/rest/auth/latest/session")
class LoginAuditFilter implements Filter {
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String sessionId = Cookies.valueOf(http, "JSESSIONID");
        Audit.record(http.getRemoteAddr(), sessionId);
        chain.doFilter(request, response);
    }
}
