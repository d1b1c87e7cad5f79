package shop.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CheckoutServletTest {
    @Test
    void keepsTheVisitorsSession() throws Exception {
        TestContainer container = TestContainer.start();
        container.addServlet("session", new CheckoutServlet());
        container.addMapping("/session", "session");
        String first = container.get("/checkout", null);
        String id = first.substring(first.indexOf("JSESSIONID=") + 11, first.indexOf(';'));
        String second = container.get("/checkout", "JSESSIONID=" + id);
        assertTrue(second.contains("cart: 1"));
        String mode = container.request().getParameter("session");
        assertTrue(mode == null);
    }
}
