import { analyzeSource } from '../src/analyze-file';
import { DEFAULT_FIX_OPTIONS } from '../src/fix/plan';
import { expectCleanAndStable, scanAndFix } from './fix-helpers';

/**
 * jiralib2 (Emacs, ejira's client) in cookie mode, as Emacs configurations set it (public `init.el` and Doom
 * `config.el` files: `setq` with several pairs, use-package's `:custom`, `custom-set-variables`): `fix` turns it
 * to token mode with the credentials read from the environment. Made-up configurations, one shape each.
 */
const lines = (...text: string[]) => `${text.join('\n')}\n`;
/** The one comment `fix` adds, above the top-level form it changed. */
const COMMENT = ';; JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)';

jest.setTimeout(30_000);

describe("fix: jiralib2's cookie mode (Emacs Lisp)", () => {
  it("a setq of several settings: 'token, and the login name and hard-coded token it set read from the environment", async () => {
    const source = lines(
      '(use-package ejira',
      '  :init',
      '  (setq jiralib2-url              "https://jira.example.com"',
      "        jiralib2-auth             'cookie  ;; DC session",
      '        jiralib2-user-login-name  "hnyman"',
      '        jiralib2-token            "hunter2-not-used"',
      '        ejira-projects            \'("OPS")))',
    );
    const result = await scanAndFix('init.el', source, 'elisp');
    expect(result.manual).toEqual([]);
    expect(result.after).toBe(
      lines(
        COMMENT,
        '(use-package ejira',
        '  :init',
        '  (setq jiralib2-url              "https://jira.example.com"',
        "        jiralib2-auth             'token  ;; DC session",
        '        jiralib2-user-login-name  (getenv "JIRA_EMAIL")',
        '        jiralib2-token            (getenv "JIRA_API_TOKEN")',
        '        ejira-projects            \'("OPS")))',
      ),
    );
    await expectCleanAndStable(result, 'elisp');
  });

  it('a setq of the mode alone gets the two credentials after it, lined up', async () => {
    const result = await scanAndFix('config.el', lines('(after! ejira', "  (setq jiralib2-auth 'cookie))"), 'elisp');
    expect(result.after).toBe(
      lines(COMMENT, '(after! ejira', "  (setq jiralib2-auth 'token", '        jiralib2-user-login-name (getenv "JIRA_EMAIL")', '        jiralib2-token (getenv "JIRA_API_TOKEN")))'),
    );
    await expectCleanAndStable(result, 'elisp');
  });

  it("entries of use-package's :custom and of custom-set-variables get sibling entries", async () => {
    const custom = await scanAndFix('init.el', lines('(use-package jiralib2', '  :custom', "  (jiralib2-auth 'cookie)", '  (jiralib2-url "https://jira.example.com"))'), 'elisp');
    expect(custom.after).toBe(
      lines(
        COMMENT,
        '(use-package jiralib2',
        '  :custom',
        "  (jiralib2-auth 'token)",
        '  (jiralib2-user-login-name (getenv "JIRA_EMAIL"))',
        '  (jiralib2-token (getenv "JIRA_API_TOKEN"))',
        '  (jiralib2-url "https://jira.example.com"))',
      ),
    );
    await expectCleanAndStable(custom, 'elisp');
    const saved = await scanAndFix('custom.el', lines('(custom-set-variables', " '(jiralib2-auth 'cookie)", " '(jiralib2-url \"https://jira.example.com\"))"), 'elisp');
    expect(saved.after).toBe(
      lines(
        COMMENT,
        '(custom-set-variables',
        " '(jiralib2-auth 'token)",
        " '(jiralib2-user-login-name (getenv \"JIRA_EMAIL\"))",
        " '(jiralib2-token (getenv \"JIRA_API_TOKEN\"))",
        " '(jiralib2-url \"https://jira.example.com\"))",
      ),
    );
    await expectCleanAndStable(saved, 'elisp');
  });

  it('leaves a person the mode when the token is set in another form, with --bearer, and in jiralib2 itself', async () => {
    const elsewhere = await scanAndFix('init.el', lines("(setq jiralib2-auth 'cookie)", '(setq jiralib2-token (password-store-get "jira"))'), 'elisp');
    expect(elsewhere.status).toBe('manual');
    expect(elsewhere.manual[0]?.note).toMatch(/set in another form too/);
    const bearer = await scanAndFix('init.el', lines("(setq jiralib2-auth 'cookie)"), 'elisp', { ...DEFAULT_FIX_OPTIONS, bearer: true });
    expect(bearer.manual[0]?.note).toMatch(/no Bearer mode/);
    const library = await scanAndFix('jiralib2.el', lines("(defcustom jiralib2-auth 'cookie", '  "Authentication mode for JIRA."', "  :group 'jiralib2)"), 'elisp');
    expect(library.manual[0]?.note).toMatch(/jiralib2's own default/);
  });
});

describe("scan: jiralib2's cookie mode", () => {
  it('is found where it is set, and not where it is read or set to another mode', async () => {
    const source = lines(
      "(setq jiralib2-auth 'cookie)",
      "(let ((jiralib2-auth 'cookie)) (jiralib2-session-login))",
      "(customize-set-variable 'jiralib2-auth 'cookie)",
      "(when (eq jiralib2-auth 'cookie) (message \"cookies\"))",
      "(setq jiralib2-auth 'token)",
      "(setq jiralib2-auth 'basic)",
    );
    const { findings } = await analyzeSource(source, 'elisp', 'init.el');
    expect(findings.map((finding) => [finding.line, finding.ruleId])).toEqual([
      [1, 'elisp-jiralib2-cookie-auth'],
      [2, 'elisp-jiralib2-cookie-auth'],
      [3, 'elisp-jiralib2-cookie-auth'],
    ]);
  });
});

describe('a jiralib2 token written into the configuration', () => {
  it('is a password to rotate, redacted from every finding, and gone after the rewrite', async () => {
    const source = lines("(setq jiralib2-auth 'cookie jiralib2-token \"s3cr3t-t0ken\")");
    const { findings } = await analyzeSource(source, 'elisp', 'init.el');
    expect(findings.map((finding) => finding.ruleId).sort()).toEqual(['elisp-jiralib2-cookie-auth', 'hardcoded-password']);
    expect(JSON.stringify(findings)).not.toContain('s3cr3t-t0ken');
    const result = await scanAndFix('init.el', source, 'elisp');
    expect(result.manual).toEqual([]);
    expect(result.after).not.toContain('s3cr3t-t0ken');
    await expectCleanAndStable(result, 'elisp');
  });
});
