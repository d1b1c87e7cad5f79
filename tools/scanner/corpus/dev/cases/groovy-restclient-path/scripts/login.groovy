import groovyx.net.http.ContentType
import groovyx.net.http.RESTClient

def (proto, host, port, context) = ["https", "jira.example.com", 443, ""]
def rest = new RESTClient("${proto}://${host}:${port}/${context}rest/")
rest.contentType = ContentType.JSON

def response = rest.post(
        path: 'auth/latest/session',
        body: [username: System.getenv('JIRA_USER'), password: System.getenv('JIRA_PASS')],
        requestContentType: ContentType.JSON)

println response.data.session
