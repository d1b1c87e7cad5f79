import okhttp3.OkHttpClient
import okhttp3.Request

fun logout(client: OkHttpClient, site: String) {
    val request = Request.Builder()
        .url(site + "/rest/auth/1/session")
        .delete()
        .build()
    client.newCall(request).execute()
}
