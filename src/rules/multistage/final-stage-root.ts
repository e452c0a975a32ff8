/**
 * The final image runs as root because no stage in its FROM chain sets a USER (or a parent stage set
 * `USER root` and the final stage inherits it). An explicit `USER root` as the final stage's last USER is
 * hadolint's DL3002, reported by that rule; this one covers what DL3002 cannot see.
 */
import { expandAt, type DockerInstruction as Instruction } from '../../dockerfile/instructions.js';
import type { Rule } from '../types.js';
import {
  finalStageLabel,
  isWindowsImage,
  keywordOf,
  lineOf,
  parseImageRef,
  shippedImageChain,
  stageLabel,
} from './stage-facts.js';

/** Bases whose default user is not root, so a Dockerfile without USER is fine on them. */
const NON_ROOT_BASES: RegExp[] = [
  /^gcr\.io\/distroless\/[^:]+:(.*-)?nonroot(-.*)?$/, // distroless :nonroot, :debug-nonroot
  /^cgr\.dev\/chainguard\//, // Chainguard images default to uid 65532
  /^nginxinc\/nginx-unprivileged(:|$)/,
  /^bitnami\//,
  /^registry\.access\.redhat\.com\/ubi\d+\/(nodejs|python|ruby|php|perl|openjdk|dotnet)/, // s2i images, uid 1001
  /^mcr\.microsoft\.com\/dotnet\/[^:]+:.*chiseled/, // chiseled .NET images run as `app`
  /^(docker\.io\/)?grafana\/k6(:|$)/, // grafana/k6 ends with `USER k6` (uid 12345)
];

export function isRootUser(user: string): boolean {
  const name = user.trim().split(':')[0]?.trim() ?? '';
  return name === 'root' || name === '0';
}

/** A USER line that works on the base (the node images ship a `node` user, distroless a `nonroot` one). */
function userAdvice(base: string): string {
  const { name } = parseImageRef(base);
  if (name === 'node') return 'add `USER node` (the node images ship that user)';
  if (name.startsWith('gcr.io/distroless/')) return 'add `USER nonroot` (or use the `:nonroot` tag)';
  if (name === 'scratch') return 'add `USER 65532:65532` (scratch needs no user entry for a numeric uid)';
  return 'create a user and add `USER <name>` (or a numeric `USER 10001`)';
}

/**
 * The user a USER instruction sets, with the ARG/ENV values in scope expanded: `ARG APP_USER=root`
 * then `USER $APP_USER` runs as root, as does `USER ${UID}:${GID}` with `ARG UID=0`.
 */
function effectiveUser(instruction: Instruction, escapeChar: string): string {
  return expandAt(instruction, instruction.argsText, escapeChar);
}

export const finalStageRoot: Rule = {
  id: 'final-stage-root',
  severity: 'warning',
  description:
    'The final stage runs as root: no USER in it or in the stages it is built FROM (or an inherited USER root); switch to a non-root user.',
  aliases: [],
  check(ctx) {
    const shipped = shippedImageChain(ctx);
    if (!shipped) return [];
    const { target, chain, root } = shipped;
    const base = root.base;
    const withoutDigest = base.replace(/@.*$/, '');
    // Windows images have their own user model (ContainerUser/ContainerAdministrator).
    if (isWindowsImage(base) || NON_ROOT_BASES.some((re) => re.test(withoutDigest))) return [];
    const instructions = chain.flatMap((s) => s.steps);
    const starts = instructions.some((i) => ['CMD', 'ENTRYPOINT'].includes(keywordOf(i)));
    // A scratch stage with no CMD/ENTRYPOINT is an export of build outputs (`--output`); nothing runs in it.
    if (base === 'scratch' && !starts) return [];

    let lastUser: Instruction | undefined;
    for (const instruction of instructions) if (keywordOf(instruction) === 'USER') lastUser = instruction;
    if (!lastUser) {
      const via =
        chain.length > 1
          ? ` or the stages it is built from (${chain.slice(0, -1).map(stageLabel).join(', ')})`
          : '';
      return [
        {
          line: target.line,
          message: `${finalStageLabel(target, true)} runs as root: no USER in it${via}, and \`${base}\` defaults to root; ${userAdvice(base)}.`,
        },
      ];
    }
    const user = lastUser.argsText;
    const userLine = lineOf(lastUser);
    const expanded = effectiveUser(lastUser, ctx.model.escapeChar);
    if (!isRootUser(expanded)) return [];
    const inTarget = target.line <= userLine && userLine <= target.endLine;
    // `USER root` written in the final stage itself is DL3002's finding; a variable that expands to
    // root is ours (hadolint reads the text as written, so DL3002 cannot see it).
    if (inTarget && isRootUser(user)) return [];
    if (!isRootUser(user))
      return [
        {
          line: userLine,
          message: `${finalStageLabel(target, true)} runs as root: \`USER ${user.trim()}\` on line ${userLine} is \`${expanded.trim()}\` (the ARG/ENV default); default it to a non-root user, e.g. \`ARG ${varName(user)}=10001\`.`,
        },
      ];
    if (inTarget) return [];
    return [
      {
        line: target.line,
        message: `${finalStageLabel(target, true)} runs as root: it inherits \`USER ${user.trim()}\` from line ${userLine}; ${userAdvice(base)} after the steps that need root.`,
      },
    ];
  },
};

/** The first variable a USER names (`$APP_USER`, `${UID}:${GID}` -> `APP_USER`, `UID`). */
function varName(user: string): string {
  return /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(user)?.[1] ?? 'USER';
}
