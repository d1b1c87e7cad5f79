pub async fn myself(http: &reqwest::Client, base: &str, email: &str, token: &str) -> reqwest::Result<String> {
    http.get(format!("{}/rest/api/2/myself", base))
        .basic_auth(email, Some(token))
        .send()
        .await?
        .text()
        .await
}
