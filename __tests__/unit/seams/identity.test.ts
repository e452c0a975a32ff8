import { describe, expect, it } from '@jest/globals';
import {
  ASSUMED_IDENTITY,
  chooseIdentity,
  identityFromCreated,
  isOwnComment,
  ownComments,
} from '../../../src/seams/github/identity.js';
import { commentMarker, withMarker } from '../../../src/seams/github/marker.js';

const marker = commentMarker('Dockerfile', undefined);
const by = (id: number, login: string | null, body = withMarker(marker, 'r')) => ({
  id,
  body,
  user: login === null ? null : { login },
});

describe('chooseIdentity', () => {
  it('takes the viewer query, then GET /user, else assumes GITHUB_TOKEN', () => {
    expect(chooseIdentity('app[bot]', 'someone')).toEqual({ login: 'app[bot]', source: 'graphql viewer' });
    expect(chooseIdentity(undefined, 'release-bot')).toEqual({ login: 'release-bot', source: 'GET /user' });
    expect(chooseIdentity(undefined, undefined)).toEqual({ login: 'github-actions[bot]', source: 'assumed' });
  });
});

describe('identityFromCreated', () => {
  it("trusts the created comment's author over what was assumed", () => {
    expect(identityFromCreated(ASSUMED_IDENTITY, by(1, 'stagegate-app[bot]'))).toEqual({
      login: 'stagegate-app[bot]',
      source: 'created comment',
    });
    expect(identityFromCreated(ASSUMED_IDENTITY, by(1, 'GitHub-Actions[bot]'))).toBe(ASSUMED_IDENTITY);
    expect(identityFromCreated(ASSUMED_IDENTITY, by(1, null))).toBe(ASSUMED_IDENTITY);
  });
});

describe('isOwnComment / ownComments', () => {
  const me = chooseIdentity('github-actions[bot]', undefined);

  it('needs both the marker opening the body and our identity as the author', () => {
    expect(isOwnComment(by(1, 'github-actions[bot]'), marker, me)).toBe(true);
    expect(isOwnComment(by(1, 'GITHUB-ACTIONS[BOT]'), marker, me)).toBe(true);
    expect(isOwnComment(by(1, 'mallory'), marker, me)).toBe(false);
    expect(isOwnComment(by(1, 'other-app[bot]'), marker, me)).toBe(false);
    expect(isOwnComment(by(1, null), marker, me)).toBe(false);
    expect(isOwnComment(by(1, 'github-actions[bot]', `> ${marker}`), marker, me)).toBe(false);
  });

  it('keeps ours only, oldest first', () => {
    const all = [by(9, 'github-actions[bot]'), by(3, 'mallory'), by(5, 'github-actions[bot]')];
    expect(ownComments(all, marker, me).map((c) => c.id)).toEqual([5, 9]);
  });
});
