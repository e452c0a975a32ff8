// STUB: owned by the report/GitHub work (issue 6); replace wholesale.
export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

export interface GitHubApi {
  /** Finds the comment holding `marker` (all pages), updates it, or creates one. */
  upsertComment(target: CommentTarget, marker: string, body: string): Promise<{ action: 'created' | 'updated'; url?: string }>;
}

export function createGitHubApi(_token: string, _options: { baseUrl: string }): GitHubApi {
  throw new Error('createGitHubApi: not implemented');
}
