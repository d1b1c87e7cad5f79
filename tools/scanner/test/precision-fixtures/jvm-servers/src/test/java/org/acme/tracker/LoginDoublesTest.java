package org.acme.tracker;

class LoginDoublesTest {
    @Test
    void stubsAndChecksTheLogin() throws Exception {
        wireMock.stubFor(post("/rest/auth/1/session").willReturn(okJson("{\"session\":{\"name\":\"JSESSIONID\",\"value\":\"s1\"}}")));
        stubFor(post(urlPathEqualTo("/rest/auth/1/session")).willReturn(aResponse().withHeader("Set-Cookie", "JSESSIONID=s1")));
        mockServer.when(request().withMethod("POST").withPath("/rest/auth/1/session")).respond(response().withCookie("JSESSIONID", "s1"));
        restServer.expect(requestTo("/rest/auth/1/session")).andExpect(method(HttpMethod.POST)).andRespond(withSuccess());
        backend.enqueue(new MockResponse().addHeader("Set-Cookie", "JSESSIONID=s1"));
        mockMvc.perform(post("/rest/auth/1/session").content(body)).andExpect(status().isOk());
        wireMock.verify(postRequestedFor(urlEqualTo("/rest/auth/1/session")));
        when(trackerClient.post("/rest/auth/1/session")).thenReturn(ok);
    }
}
