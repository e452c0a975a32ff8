/**
 * Rules about single instructions and their order (hadolint DL3002, DL3011, DL3025 for HEALTHCHECK,
 * DL3043, DL3044, DL3057, DL3059, DL3061). DL3000, DL3012, DL3024, DL3025 for CMD and ENTRYPOINT,
 * DL3063, DL3064, DL3065, DL4000, DL4003 and DL4004 are BuildKit rules' aliases (src/rules/buildkit/).
 */
import { execFormWords } from '../shell/run-script.js';
import type { Rule, RuleContext, RuleHit } from '../types.js';
import {
  argumentsText,
  hitAt,
  instructionFlags,
  runSteps,
  steps,
  stepsOf,
  unquote,
  type Step,
} from './walk.js';

const isRootUser = (user: string) => /^(root|0)(:.*)?$/.test(user);

/** hadolint checks every stage: a stage whose last USER is root is flagged at that USER. */
export const lastUserNotRoot: Rule = {
  id: 'last-user-not-root',
  severity: 'warning',
  description: 'Last USER should not be root.',
  aliases: ['DL3002'],
  check(ctx) {
    const lastRootUser = new Map<number, RuleHit>();
    for (const step of stepsOf(ctx, 'USER')) {
      if (step.onbuild) continue;
      if (isRootUser(unquote(argumentsText(step)))) lastRootUser.set(step.stage, hitAt(step));
      else lastRootUser.delete(step.stage);
    }
    return [...lastRootUser.values()];
  },
};

/** Users every host resolves the same way: root is uid 0 everywhere; Windows images have no numeric ids. */
const WELL_KNOWN_USERS = /^(root|ContainerAdministrator|ContainerUser)(:(root|0))?$/i;

/** Kubernetes' `runAsNonRoot` and host-side file ownership need a numeric UID; names resolve only inside. */
export const numericUser: Rule = {
  id: 'user-numeric-id',
  severity: 'info',
  description: 'Non-numeric user id may not be resolvable by the host system: use `USER <uid>[:<gid>]`.',
  aliases: ['DL3066'],
  check(ctx) {
    return stepsOf(ctx, 'USER')
      .filter((s) => {
        const user = unquote(argumentsText(s));
        return (
          user !== '' && !user.includes('$') && !/^\d+(:\d+)?$/.test(user) && !WELL_KNOWN_USERS.test(user)
        );
      })
      .map((s) => hitAt(s, `USER \`${argumentsText(s)}\` is not numeric: use the uid (and gid).`));
  },
};

export const exposeValidPorts: Rule = {
  id: 'expose-valid-ports',
  severity: 'error',
  description: 'Valid UNIX ports range from 0 to 65535.',
  aliases: ['DL3011'],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const step of stepsOf(ctx, 'EXPOSE')) {
      for (const arg of step.words) {
        const ports = arg.split('/')[0]?.split('-') ?? [];
        const bad = ports.find((p) => /^\d+$/.test(p) && Number(p) > 65535);
        if (bad)
          hits.push(hitAt(step, `Valid UNIX ports range from 0 to 65535: \`${arg}\` is out of range.`));
      }
    }
    return hits;
  },
};

/** Shell syntax in a command line: pipes, lists, redirections, expansions, globs, quoting of operators. */
function needsShell(text: string): boolean {
  return /[|&;<>$`*?(){}]|\bexit\b/.test(text);
}

/**
 * hadolint's DL3025 for HEALTHCHECK (its CMD and ENTRYPOINT part is json-args-recommended, with
 * BuildKit's JSONArgsRecommended): a shell-form check runs through `/bin/sh -c`, so it fails in an
 * image without a shell. Info: the check is not the container's main process, so no signal is lost,
 * and its one finding on the shared corpus's real Dockerfiles was judged noise.
 */
export const healthcheckJsonForm: Rule = {
  id: 'healthcheck-json-form',
  severity: 'info',
  description: 'Use JSON notation for `HEALTHCHECK CMD` (`HEALTHCHECK CMD ["executable", "arg"]`).',
  aliases: ['DL3025', 'json-cmd-entrypoint'],
  check(ctx) {
    return stepsOf(ctx, 'HEALTHCHECK')
      .filter((s) => {
        const cmd = /(^|\s)CMD\s+([\s\S]*)$/i.exec(argumentsText(s).trim());
        const text = (cmd?.[2] ?? '').trim();
        // A check written as a shell script (`curl -f x | grep ok || exit 1`) needs the shell:
        // its JSON form would be `["CMD-SHELL", ...]`, the same thing.
        return text !== '' && !needsShell(text) && execFormWords(text) === undefined;
      })
      .map((s) =>
        hitAt(
          s,
          'Use JSON notation for `HEALTHCHECK CMD` (`HEALTHCHECK CMD ["executable", "arg"]`): the shell form runs the check through `/bin/sh -c`.',
        ),
      );
  },
};

export const onbuildForbiddenTrigger: Rule = {
  id: 'onbuild-forbidden-trigger',
  severity: 'error',
  description: '`ONBUILD`, `FROM` or `MAINTAINER` triggered from within an `ONBUILD` instruction.',
  aliases: ['DL3043'],
  check(ctx) {
    return steps(ctx.model)
      .filter((s) => s.onbuild && ['ONBUILD', 'FROM', 'MAINTAINER'].includes(s.keyword))
      .map((s) => hitAt(s));
  },
};

const references = (value: string, name: string) =>
  new RegExp(`\\$(${name}(?![A-Za-z0-9_])|\\{${name}[}:])`).test(value);

export const envSelfReference: Rule = {
  id: 'env-self-reference',
  severity: 'error',
  description:
    'Do not refer to an environment variable within the same `ENV` statement where it is defined: it still has its old value there.',
  aliases: ['DL3044'],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const step of stepsOf(ctx, 'ENV')) {
      const defined: string[] = [];
      for (const p of step.properties ?? []) {
        const value = p.value ?? '';
        const used = defined.find((name) => references(value, name));
        if (used) {
          hits.push(hitAt(step, `\`${p.name}\` refers to \`${used}\`, which is defined in the same ENV.`));
          break;
        }
        defined.push(p.name);
      }
    }
    return hits;
  },
};

/**
 * An artifact-only image: its FROM chain starts at `scratch`, copies files in and sets no CMD or
 * ENTRYPOINT, so no container runs it and there is nothing to health-check. (An image from a registry may bring a CMD.)
 */
function runsNothing(ctx: RuleContext, chain: number[]): boolean {
  const stages = ctx.model.graph.stages;
  const root = stages[Math.min(...chain)];
  if (!root || root.base.toLowerCase() !== 'scratch') return false;
  const inChain = (keywords: string[]) =>
    stepsOf(ctx, ...keywords).some((s) => !s.onbuild && chain.includes(s.stage));
  // Artifacts copied in, nothing to run. An empty `FROM scratch` stays flagged, as in hadolint.
  return inChain(['COPY', 'ADD']) && !inChain(['CMD', 'ENTRYPOINT']);
}

/**
 * The image the build produces has no HEALTHCHECK (in its stage or the stages it is built FROM).
 * Off by default in hadolint; here the lowest severity.
 */
export const healthcheckMissing: Rule = {
  id: 'healthcheck-missing',
  severity: 'style',
  description: '`HEALTHCHECK` instruction missing in the final image.',
  aliases: ['DL3057'],
  defaultOff: 'upstream-off',
  check(ctx) {
    const froms = stepsOf(ctx, 'FROM').filter((s) => !s.onbuild);
    if (froms.length === 0) return [];
    const healthchecked = new Set(
      stepsOf(ctx, 'HEALTHCHECK')
        .filter((s) => !s.onbuild)
        .map((s) => s.stage),
    );
    const byName = new Map<string, number>();
    froms.forEach((s) => {
      const name = s.from?.alias;
      if (name) byName.set(name.toLowerCase(), s.stage);
    });
    const target = ctx.target >= 0 && ctx.target < froms.length ? ctx.target : froms.length - 1;
    const visited = new Set<number>();
    for (let stage: number | undefined = target; stage !== undefined && !visited.has(stage);) {
      visited.add(stage);
      if (healthchecked.has(stage)) return [];
      const base = (froms[stage]?.from?.imageRaw ?? '').toLowerCase();
      const parent = byName.get(base);
      stage = parent !== undefined && parent < stage ? parent : undefined;
    }
    const final = froms[target];
    if (final && runsNothing(ctx, [...visited])) return [];
    return final ? [hitAt(final)] : [];
  },
};

/**
 * Each RUN is a layer. hadolint leaves alone RUNs that already chain more than two commands (then the
 * split was likely deliberate) and RUNs with different `--mount`s.
 */
export const consecutiveRuns: Rule = {
  id: 'consecutive-runs',
  severity: 'info',
  description: 'Multiple consecutive `RUN` instructions. Consider consolidation.',
  aliases: ['DL3059'],
  layerHygiene: true,
  check(ctx) {
    const runs = new Set<Step>(runSteps(ctx));
    const hits: RuleHit[] = [];
    let previous: { flags: string; count: number } | undefined;
    for (const step of steps(ctx.model)) {
      const run = step.onbuild || !runs.has(step) ? undefined : step;
      if (!run?.script) {
        previous = undefined;
        continue;
      }
      const flags = JSON.stringify(instructionFlags(step).sort((a, b) => a.name.localeCompare(b.name)));
      const count = run.script.commands.filter((c) => !c.nested).length;
      if (previous && previous.flags === flags && count <= 1 && previous.count <= 1) hits.push(hitAt(step));
      else previous = { flags, count };
    }
    return hits;
  },
};

export const fromFirst: Rule = {
  id: 'from-first',
  severity: 'error',
  description: 'Invalid instruction order: a Dockerfile must begin with `FROM`, `ARG` or a comment.',
  aliases: ['DL3061'],
  check(ctx) {
    const all = steps(ctx.model);
    if (!all.some((s) => s.keyword === 'FROM' && !s.onbuild)) return [];
    return all
      .filter((s) => s.stage === -1 && (s.onbuild || s.keyword !== 'ARG'))
      .map((s) =>
        hitAt(s, `\`${s.onbuild ? 'ONBUILD' : s.keyword}\` before the first FROM: only ARG may come first.`),
      );
  },
};
