package org.acme.tracker;

import java.util.Map;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.core.Response;

@Path("/rest/auth/1/session")
public class SessionResource {
    @POST
    public Response login(Credentials credentials) {
        String id = sessions.open(credentials);
        return Response.ok(Map.of("session", Map.of("name", "JSESSIONID", "value", id))).build();
    }
}
