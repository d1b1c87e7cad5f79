use reqwest::Client;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct SessionCookie {
    pub name: String,
    pub value: String,
}

#[derive(Deserialize)]
struct Login {
    session: SessionCookie,
}

pub async fn login(http: &Client, base: &str, user: &str, secret: &str) -> reqwest::Result<String> {
    let login: Login = http
        .post(format!("{}/rest/auth/1/session", base))
        .json(&serde_json::json!({ "username": user, "password": secret }))
        .send()
        .await?
        .json()
        .await?;
    Ok(format!("{}={}", login.session.name, login.session.value))
}
