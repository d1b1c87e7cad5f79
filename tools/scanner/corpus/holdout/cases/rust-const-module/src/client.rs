use crate::endpoints;
use reqwest::blocking::Client;
use url::Url;

pub struct Jira {
    base: Url,
    http: Client,
}

impl Jira {
    pub fn logout(&self) -> reqwest::Result<()> {
        self.http.delete(self.base.join(endpoints::SESSION).unwrap()).send()?;
        Ok(())
    }
}
