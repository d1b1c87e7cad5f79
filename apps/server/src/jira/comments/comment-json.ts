import type { Comment, User } from '@tokenshift/db';
import { formatJiraDate } from '@tokenshift/shared';
import { renderText } from '../issue-view/render-text';
import { userJson } from '../user-json';

export type CommentWithAuthor = Comment & { author: User };

export const COMMENT_INCLUDE = { author: true } as const;

/** Comments listed in one answer at most (Jira's `maxResults` for comments). */
export const MAX_COMMENTS = 1000;

function authorJson(baseUrl: string, author: User) {
  return userJson(baseUrl, { name: author.name, email: author.email, displayName: author.displayName, active: author.active });
}

/** Jira's comment representation; `renderedBody` only when asked for (`expand=renderedBody`). */
export function commentJson(baseUrl: string, comment: CommentWithAuthor, { rendered = false } = {}) {
  return {
    self: `${baseUrl}/rest/api/2/issue/${comment.issueId}/comment/${comment.id}`,
    id: String(comment.id),
    author: authorJson(baseUrl, comment.author),
    body: comment.body,
    ...(rendered ? { renderedBody: renderText(comment.body) } : {}),
    updateAuthor: authorJson(baseUrl, comment.author),
    created: formatJiraDate(comment.created),
    updated: formatJiraDate(comment.updated),
  };
}

/** Jira's page of comments, the shape of both `GET …/comment` and an issue's `comment` field. */
export function commentPageJson(baseUrl: string, page: { startAt: number; maxResults: number; total: number; comments: CommentWithAuthor[] }, options = { rendered: false }) {
  return { startAt: page.startAt, maxResults: page.maxResults, total: page.total, comments: page.comments.map((comment) => commentJson(baseUrl, comment, options)) };
}
