package insight

import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody

class JiraAuth(private val baseUrl: String, private val http: OkHttpClient) {
    companion object {
        const val AUTH_PATH = "rest/auth/latest/session"
    }

    fun login(json: String): String? {
        val request = Request.Builder()
            .url("$baseUrl/$AUTH_PATH")
            .post(json.toRequestBody())
            .build()
        return http.newCall(request).execute().use { it.header("Set-Cookie") }
    }
}
