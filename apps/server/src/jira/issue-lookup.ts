import { JiraHttpException } from '@tokenshift/shared/nest';

/** The unique filter for an issue given by id (digits) or key, as every issue path takes either. */
export type IssueWhere = { id: number } | { key: string };

export function issueWhere(idOrKey: string): IssueWhere {
  return /^\d{1,9}$/.test(idOrKey) ? { id: Number(idOrKey) } : { key: idOrKey.toUpperCase() };
}

export function issueNotFound(): JiraHttpException {
  return new JiraHttpException(404, 'Issue Does Not Exist');
}

/** The issue given by id or key, as `find` reads it with the filter; Jira's 404 when there is none. */
export async function issueOr404<Issue>(idOrKey: string, find: (where: IssueWhere) => PromiseLike<Issue | null>): Promise<Issue> {
  const issue = await find(issueWhere(idOrKey));
  if (!issue) throw issueNotFound();
  return issue;
}
