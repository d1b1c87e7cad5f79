/**
 * An API token as `GET /rest/tokenshift/1/tokens` lists it (times are Jira dates, null when unset); the
 * administrators' list (`GET /rest/tokenshift/1/admin/tokens`) adds its owner.
 */
export interface TokenSummary {
  id: string;
  name: string;
  preview: string;
  scopes: string[];
  created: string;
  expires: string | null;
  lastUsed: string | null;
  revoked: string | null;
  user?: { name: string; displayName: string; email: string };
}
