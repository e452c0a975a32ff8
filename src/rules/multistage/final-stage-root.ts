/**
 * The final image runs as root because no stage in its FROM chain sets a USER (or a parent stage set
 * `USER root` and the final stage inherits it). An explicit `USER root` as the final stage's last USER is
 * hadolint's DL3002, reported by that rule; this one covers what DL3002 cannot see.
 *
 * Without any USER, the finding drops to info when the image is not one that runs a service of its own
 * (see `notAService`): the images built FROM it, or the command run in it, choose the user.
 */
import {
  expandAt,
  shellWords,
  wordValue,
  type DockerInstruction as Instruction,
} from '../../dockerfile/instructions.js';
import { isProgram } from '../shell/command.js';
import { basename } from '../shell/script.js';
import type { Rule, RuleHit } from '../types.js';
import { isDistributionImage, isLocalImageName } from '../known-images.js';
import { isLanguageImage } from './final-stage-full-image.js';
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
      const message = `${finalStageLabel(target, true)} runs as root: no USER in it${via}, and \`${base}\` defaults to root; ${userAdvice(base)}.`;
      const why = baseFromBuildArg(root.baseRaw) ?? locallyBuiltBase(base) ?? notAService(instructions, base);
      const hit: RuleHit = why
        ? { line: target.line, severity: 'info', message: `${message} (info only: ${why})` }
        : { line: target.line, message };
      return [hit];
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

/**
 * When the base image's name itself is a build argument (`FROM ${IMAGE}:${TAG}`, `FROM $BASE_IMAGE`),
 * whoever builds chooses the image, and with it the default user; the ARG's default is a placeholder
 * as often as a real image, so which user the image runs as is not the Dockerfile's to say.
 */
function baseFromBuildArg(baseRaw: string): string | undefined {
  const name = baseRaw.trim();
  if (!/^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)/.test(name)) return undefined;
  return `the base image \`${name}\` is a build argument, so its default user is chosen by whoever builds it`;
}

/**
 * A base that no registry serves (a single name that is not a Docker Hub official image, such as
 * `argocd-test-tools:latest`) is built on the same machine from another Dockerfile, whose USER this
 * file does not show: that it defaults to root is not known here.
 */
function locallyBuiltBase(base: string): string | undefined {
  const { name } = parseImageRef(base);
  if (!isLocalImageName(name)) return undefined;
  return `the base \`${base}\` is not a Docker Hub official image and names no registry, so it is built on this machine from another Dockerfile, which chooses its user`;
}

/** The first variable a USER names (`$APP_USER`, `${UID}:${GID}` -> `APP_USER`, `UID`). */
function varName(user: string): string {
  return /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(user)?.[1] ?? 'USER';
}

/** Programs that start as root and run the service as another user (gosu, su-exec, s6's setuidgid…). */
const PRIVILEGE_DROPPERS = ['gosu', 'su-exec', 'setpriv', 's6-setuidgid', 'chpst'];
const PACKAGE_INSTALLERS = ['apk', 'apt-get', 'apt', 'yum', 'dnf', 'microdnf', 'zypper'];
/** Init processes that run the command given after their flags (`tini -g -- cmd`). */
const INIT_WRAPPERS = ['tini', 'dumb-init'];
/** Commands that print or check something and exit (`CMD ["cat", "/README.md"]`, `CMD ["/bin/true"]`). */
const ONE_SHOT_COMMANDS = /^(cat|echo|printf|true|false|ls|env|printenv|id|whoami|uname|date|pwd)$/;
/**
 * Files no kernel executes: packages and archives (`.apk`, `.jar`, `.tar.gz`…). On `scratch`, with no
 * runtime copied in, such a command is a placeholder (`docker create` needs one), not a process.
 */
const PACKAGE_FILE = /\.(apk|aab|ipa|jar|war|ear|zip|whl|deb|rpm|tar|tgz|gz|xz|bz2|zst)$/i;
/** Init systems: they must start as root (PID 1 that mounts, sets up cgroups and starts services). */
const INIT_SYSTEMS = /^(systemd|init)$/;
/** Shells and interpreters: run with no script or program (`CMD ["python3"]`), they start a prompt. */
const INTERPRETERS =
  /^(sh|bash|ash|dash|zsh|ksh|python[\d.]*|pypy3?|node|nodejs|deno|bun|ruby|irb|php|perl|lua|pwsh|iex|erl|jshell|ghci|R)$/;

/**
 * Why an image whose chain sets no USER is not a service that runs as root, or undefined when it may be
 * one. Judged from the chain's instructions only, never from the Dockerfile's path:
 * - it installs or calls a privilege-dropping tool (gosu, su-exec, setpriv, s6-setuidgid, chpst), or its
 *   entrypoint is s6-overlay's `/init`: the entrypoint starts as root and runs the service as another user;
 * - it has no EXPOSE or HEALTHCHECK, and its command is a bare shell or interpreter (`CMD ["python3"]`,
 *   `CMD ["bash", "-l"]`): the official-image convention for a base that images built FROM it complete;
 * - it has no EXPOSE, HEALTHCHECK, CMD or ENTRYPOINT, and is built on a language image (golang, node,
 *   python, buildpack-deps…): a build or tool environment (a CI step's image, a code generator, a builder
 *   base), whose command and user are given by whoever runs it;
 * - it has no EXPOSE, HEALTHCHECK, CMD or ENTRYPOINT, and is built on a distribution image (alpine,
 *   debian, ubuntu, busybox…), whose command is a shell: the same as a bare `CMD ["sh"]` above;
 * - it has no EXPOSE or HEALTHCHECK, and its command prints or checks something and exits (`cat`,
 *   `echo`, `true`…): nothing keeps running in it;
 * - its command is an init system (`/lib/systemd/systemd`, `/sbin/init`), or ends in one as an absolute
 *   path handed to an entrypoint script, which must run as root;
 * - it is `scratch` and its command is a package or archive file (`/app-release.apk`), which nothing
 *   in the image can execute;
 * - it has no CMD or ENTRYPOINT and is built on the docker image's `dind` variant: it runs that image's
 *   dockerd, which must run as root.
 */
function notAService(instructions: Instruction[], base: string): string | undefined {
  const dropper = privilegeDropper(instructions);
  if (dropper)
    return `the image uses \`${dropper}\`, so its entrypoint can start as root and run the service as another user`;
  const command = imageCommand(instructions);
  const program = basename(command?.[0] ?? '');
  if (base === 'scratch' && PACKAGE_FILE.test(program))
    return `the image is \`scratch\` and its command \`${command?.[0]}\` is a package file, not a program: nothing in the image can run it (a placeholder so that \`docker create\` can copy the file out)`;
  if (INIT_SYSTEMS.test(program))
    return `the image's command is the init system \`${command?.[0]}\`, which must start as root`;
  // An entrypoint script handed the init system to exec (`ENTRYPOINT ["/usr/local/bin/entrypoint",
  // "/sbin/init"]`, kind's node image): an absolute path, so a subcommand (`terraform init`) is not one.
  const init = command && command.length > 1 ? command[command.length - 1] : undefined;
  if (init?.startsWith('/') && INIT_SYSTEMS.test(basename(init)))
    return `the image's command \`${command?.join(' ')}\` ends in the init system \`${init}\`, which must start as root`;
  const { name, tag } = parseImageRef(base);
  if (command === undefined && name === 'docker' && isDindTag(tag))
    return `the image defines no command of its own, so it runs \`${base}\`'s \`dockerd\`, which must start as root (the \`dind-rootless\` variant runs as the user \`rootless\`)`;
  if (instructions.some((i) => ['EXPOSE', 'HEALTHCHECK'].includes(keywordOf(i)))) return undefined;
  if (command === undefined) {
    if (isLanguageImage(base))
      return `the image defines no command or port of its own and is built on the language image \`${name}\`: a build or tool environment, whose user is chosen by the images built FROM it or by whoever runs a command in it`;
    if (isDistributionImage(name))
      return `the image defines no command or port of its own, so it starts \`${name}\`'s shell: a base or tool environment, whose user is chosen by the images built FROM it or by whoever runs a command in it`;
    return undefined;
  }
  const args = command.slice(1);
  if (INTERPRETERS.test(program) && args.every((a) => a.startsWith('-')))
    return `the image's command is a bare \`${command.join(' ')}\` with no program of its own, so it is a base for other images, which choose their user`;
  if (ONE_SHOT_COMMANDS.test(program))
    return `the image's command \`${command.join(' ')}\` prints or checks something and exits: no service keeps running in it`;
  return undefined;
}

/** The official docker image's Docker-in-Docker tags (`dind`, `29-dind`, `29.1-dind-alpine3.22`), not `-rootless`. */
function isDindTag(tag: string): boolean {
  return /(^|-)dind($|-)/.test(tag) && !tag.includes('rootless');
}

function privilegeDropper(instructions: Instruction[]): string | undefined {
  for (const i of instructions) {
    const keyword = keywordOf(i);
    if (keyword === 'RUN')
      for (const c of i.script?.commands ?? []) {
        if (isProgram(c, ...PRIVILEGE_DROPPERS)) return basename(c.name);
        const installed =
          isProgram(c, ...PACKAGE_INSTALLERS) && PRIVILEGE_DROPPERS.find((d) => c.args.includes(d));
        if (installed) return installed;
      }
    if (keyword === 'ENTRYPOINT' || keyword === 'CMD') {
      const words = argvOf(i);
      const dropper = words.map(basename).find((w) => PRIVILEGE_DROPPERS.includes(w));
      if (dropper) return dropper;
      if (keyword === 'ENTRYPOINT' && words[0] === '/init') return 's6-overlay';
    }
  }
  return undefined;
}

/**
 * The command the image starts, as argv: the chain's last ENTRYPOINT and CMD as BuildKit combines them
 * (an ENTRYPOINT drops a CMD set in an earlier stage; a shell-form ENTRYPOINT ignores CMD), with init
 * wrappers (tini, dumb-init) taken off. An ENTRYPOINT of one word and a CMD is a wrapper script running
 * its arguments (`docker-entrypoint.sh` + `node`): the CMD is the command. Undefined when there is none.
 */
function imageCommand(instructions: Instruction[]): string[] | undefined {
  let entrypoint: Instruction | undefined;
  let cmd: Instruction | undefined;
  for (const i of instructions) {
    if (keywordOf(i) === 'ENTRYPOINT') {
      if (cmd && cmd.stage !== i.stage) cmd = undefined;
      entrypoint = i;
    } else if (keywordOf(i) === 'CMD') cmd = i;
  }
  const ep = entrypoint ? argvOf(entrypoint) : [];
  const args = cmd && (!entrypoint || entrypoint.exec) ? argvOf(cmd) : [];
  let argv = ep.length === 1 && args.length > 0 ? args : [...ep, ...args];
  while (argv.length > 0 && INIT_WRAPPERS.includes(basename(argv[0] as string))) {
    let rest = argv.slice(1);
    while (rest[0]?.startsWith('-')) {
      const flag = rest[0];
      rest = rest.slice(1);
      if (flag === '--') break;
    }
    argv = rest;
  }
  return argv.length > 0 ? argv : undefined;
}

/** A CMD/ENTRYPOINT's words: the exec form's, or the shell form's as the shell splits them. */
function argvOf(instruction: Instruction): string[] {
  return instruction.exec ?? shellWords(instruction.argsText).map(wordValue);
}
