package ops;

import com.atlassian.jira.rest.client.api.JiraRestClient;
import com.atlassian.jira.rest.client.api.domain.Session;

public class WhoAmI {
    public String currentUser(JiraRestClient client) {
        Session session = client.getSessionClient().getCurrentSession().claim();
        return session.getUsername();
    }
}
