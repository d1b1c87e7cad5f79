import { expectCleanAndStable, scanAndFix } from './fix-helpers';
import { goInstalled, goVet, removeGoCache } from './go-vet';

/**
 * A go-jira CookieAuthTransport test whose session cookies are locals read only in its `SessionObject` (shape of
 * andygrunwald/go-jira's onpremise/auth_transport_cookie_test.go, docs/scanner-corpus.md). The transport types are
 * declared in the fixture, as go-jira's package declares them, so `go vet` compiles it with the standard library
 * alone: Go refuses a declared and unused variable, which gofmt does not see.
 */
jest.setTimeout(60_000);

const hasGo = goInstalled();
afterAll(removeGoCache);

const source = (declarations: string): string => `package main

import (
	"fmt"
	"net/http"
	"os"
)

type CookieAuthTransport struct {
	Username      string
	Password      string
	AuthURL       string
	SessionObject []*http.Cookie
}

type BasicAuthTransport struct {
	Username string
	Password string
}

func staleNamed(name string) *http.Cookie {
	return &http.Cookie{Name: name}
}

func main() {
${declarations}
	liveCookie := &http.Cookie{Name: "live", Value: os.Args[0]}

	tp := &CookieAuthTransport{
		Username:      "username",
		Password:      "password",
		AuthURL:       "https://tracker.example.com/rest/auth/1/session",
		SessionObject: []*http.Cookie{staleCookie, liveCookie},
	}
	fmt.Println(tp, liveCookie.Name, staleNamed("x").Name)
}
`;

describe('fix: Go locals whose last read the rewrite removes', () => {
  it('the input compiles', () => {
    if (hasGo) goVet(source('\tstaleCookie := &http.Cookie{Name: "stale", Value: ""}'));
  });

  it('removes a local the replaced SessionObject alone read, and what only it read (go vet accepts the result)', async () => {
    const result = await scanAndFix('main.go', source('\tstaleName := "stale"\n\tstaleCookie := &http.Cookie{Name: staleName, Value: ""}'), 'go');
    expect(result.status).toBe('rewritten');
    const after = result.after ?? '';
    if (hasGo) goVet(after);
    expect(after).not.toMatch(/staleCookie|staleName\b/);
    expect(after).toContain('\tliveCookie := &http.Cookie{Name: "live", Value: os.Args[0]}\n');
    expect(after).toContain('tp := &BasicAuthTransport{');
    await expectCleanAndStable(result, 'go');
  });

  it('refuses when the local is given something that may do more (a call): the file stays as it was', async () => {
    const result = await scanAndFix('main.go', source('\tstaleCookie := staleNamed("stale")'), 'go');
    expect(result.status).not.toBe('rewritten');
    expect(result.manual.map((entry) => entry.note).join('\n')).toContain('would leave staleCookie (line 26) unread');
  });
});
