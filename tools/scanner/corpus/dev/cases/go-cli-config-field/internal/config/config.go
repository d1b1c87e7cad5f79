package config

type Jira struct {
	URL       string `yaml:"url"`
	LoginPath string `yaml:"login_path"`
}

func Defaults() Jira {
	return Jira{URL: "https://jira.example.com", LoginPath: "/rest/auth/1/session"}
}
