import { JiraHttpException } from '@tokenshift/shared/nest';

/** The unique filter for an issue given by id (digits) or key, as every issue path takes either. */
export function issueWhere(idOrKey: string): { id: number } | { key: string } {
  return /^\d{1,9}$/.test(idOrKey) ? { id: Number(idOrKey) } : { key: idOrKey.toUpperCase() };
}

export function issueNotFound(): JiraHttpException {
  return new JiraHttpException(404, 'Issue Does Not Exist');
}
