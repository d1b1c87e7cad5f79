package jira

import sttp.client3._

object Login {
  private val backend = HttpClientSyncBackend()

  def session(base: String, user: String, secret: String): String = {
    val response = basicRequest
      .post(uri"$base/rest/auth/1/session")
      .contentType("application/json")
      .body(s"""{"username":"$user","password":"$secret"}""")
      .send(backend)
    response.cookies.collect { case Right(c) => s"${c.name}=${c.value}" }.mkString("; ")
  }
}
