import org.apache.http.client.methods.HttpDelete;

class Logout {
    HttpDelete request(String site) {
        return new HttpDelete(site + "/rest/auth/1/session");
    }
}
