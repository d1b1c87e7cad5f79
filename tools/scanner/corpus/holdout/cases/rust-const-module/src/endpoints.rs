pub const SESSION: &str = "rest/auth/1/session";
pub const MYSELF: &str = "rest/api/2/myself";
