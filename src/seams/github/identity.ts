/**
 * Whose comments stagegate may update or delete: only those written by the identity its token posts
 * as. A marker is just text, so anyone can start a comment with it; a comment by anyone else is
 * ignored (never updated, never deleted), whatever its body says. Pure decisions; `octokit.ts`
 * asks GitHub and applies them. See docs/security.md ("Comment ownership").
 *
 * How the identity is learnt, for each kind of token:
 * - GraphQL `viewer { login }` answers for every kind: the user for a personal access token or an
 *   OAuth token, `<app-slug>[bot]` for a GitHub App installation token, and `github-actions[bot]`
 *   for the workflow's GITHUB_TOKEN (an installation token of the GitHub Actions app);
 * - if GraphQL is unavailable, REST `GET /user` answers for user tokens (it returns 403 for
 *   installation tokens, GITHUB_TOKEN included);
 * - if neither answers, the identity is assumed to be GITHUB_TOKEN's `github-actions[bot]`
 *   (unconfirmed), and the author of the comment stagegate itself creates is then trusted instead:
 *   GitHub sets it, so it is the token's identity by definition.
 */
import { hasMarker } from './marker.js';

/** GITHUB_TOKEN's identity: the GitHub Actions app's bot user. */
export const GITHUB_ACTIONS_BOT = 'github-actions[bot]';

export interface Identity {
  login: string;
  /** How it was learnt; `assumed` means no API call answered and GITHUB_TOKEN is presumed. */
  source: 'graphql viewer' | 'GET /user' | 'created comment' | 'assumed';
}

export interface AuthoredComment {
  id: number;
  body?: string | null;
  user?: { login?: string | null } | null;
}

export const ASSUMED_IDENTITY: Identity = { login: GITHUB_ACTIONS_BOT, source: 'assumed' };

/** Logins are case-insensitive on GitHub. */
function sameLogin(a: string | null | undefined, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}

/** The identity from what answered first: the viewer query, then GET /user, else the assumption. */
export function chooseIdentity(viewerLogin: string | undefined, userLogin: string | undefined): Identity {
  if (viewerLogin) return { login: viewerLogin, source: 'graphql viewer' };
  if (userLogin) return { login: userLogin, source: 'GET /user' };
  return ASSUMED_IDENTITY;
}

/**
 * After a create: the created comment's author is who the token posts as (GitHub sets it), so it
 * replaces whatever was learnt or assumed before.
 */
export function identityFromCreated(current: Identity, created: AuthoredComment): Identity {
  const login = created.user?.login;
  if (!login || sameLogin(login, current.login)) return current;
  return { login, source: 'created comment' };
}

/** Our marker opens the body AND our identity wrote it. */
export function isOwnComment(comment: AuthoredComment, marker: string, identity: Identity): boolean {
  return hasMarker(comment.body, marker) && sameLogin(comment.user?.login, identity.login);
}

/** Our comments for this marker, oldest first (the oldest is the sticky one, later ones duplicates). */
export function ownComments<T extends AuthoredComment>(
  comments: T[],
  marker: string,
  identity: Identity,
): T[] {
  return comments.filter((c) => isOwnComment(c, marker, identity)).sort((a, b) => a.id - b.id);
}
