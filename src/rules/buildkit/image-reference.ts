/**
 * Whether a string is a valid image reference, by the grammar of distribution/reference (which BuildKit
 * uses via `reference.ParseNormalizedNamed`): `[domain/]path[:tag][@digest]`, path lowercase.
 */
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

const PATH = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const DOMAIN_ONLY = new RegExp(`^${DOMAIN}$`);
const TAG_ONLY = new RegExp(`^${TAG}$`);
const DIGEST_ONLY = new RegExp(`^${DIGEST}$`);

export function isValidImageReference(ref: string): boolean {
  if (ref === '' || ref.length > 512) return false;
  let rest = ref;
  const at = rest.indexOf('@');
  if (at !== -1) {
    if (!DIGEST_ONLY.test(rest.slice(at + 1))) return false;
    rest = rest.slice(0, at);
  }
  // A tag is after the last ':' that is not part of a registry's port (`host:5000/name`).
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    if (!TAG_ONLY.test(rest.slice(lastColon + 1))) return false;
    rest = rest.slice(0, lastColon);
  }
  if (rest.length > 255) return false;
  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  // The first component is a registry when it looks like a host, as docker's normalisation decides.
  const isDomain =
    slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  if (isDomain) return DOMAIN_ONLY.test(first) && PATH.test(rest.slice(slash + 1));
  return PATH.test(rest);
}
