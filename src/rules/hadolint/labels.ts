/**
 * Label rules (hadolint DL3048-DL3058). Apart from DL3048 (label key syntax) they only run when
 * `.stagegate.yml` declares a label schema (`labelSchema`: label -> type), as in hadolint.
 */
import type { Rule, RuleContext, RuleHit, RuleSettings, Severity } from '../types.js';
import { hitAt, instructionFlags, steps, stepsOf, unquote, type Step } from './walk.js';

type LabelType = RuleSettings['labelSchema'][string];

interface LabelEntry {
  step: Step;
  name: string;
  value: string;
}

function labels(ctx: RuleContext): LabelEntry[] {
  return stepsOf(ctx, 'LABEL').flatMap((step) =>
    (step.properties ?? []).map((p) => ({
      step,
      name: unquote(p.name),
      value: unquote(p.value ?? ''),
    })),
  );
}

const RESERVED_NAMESPACES = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

/** Docker's label key guideline: lower-case letters, digits, `.` and `-`; starts with a letter; no `..`/`--`. */
export function labelKeyProblem(key: string): string | undefined {
  const reserved = RESERVED_NAMESPACES.find((ns) => key.startsWith(ns));
  if (reserved) return `the \`${reserved}\` namespace is reserved for Docker`;
  if (!/^[a-z0-9.-]+$/.test(key)) return 'only lower-case letters, digits, `.` and `-` are allowed';
  if (!/^[a-z]/.test(key)) return 'it must start with a letter';
  if (!/[a-z0-9]$/.test(key)) return 'it must end with a letter or digit';
  if (/\.\.|--/.test(key)) return 'it must not hold consecutive `.` or `-`';
  return undefined;
}

export const labelKeyValid: Rule = {
  id: 'label-key-valid',
  severity: 'style',
  description:
    "Invalid label key: use lower-case reverse-DNS keys (`org.example.key`) outside Docker's namespaces.",
  aliases: ['DL3048'],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const label of labels(ctx)) {
      const problem = labelKeyProblem(label.name);
      if (problem) hits.push(hitAt(label.step, `Invalid label key \`${label.name}\`: ${problem}.`));
    }
    return hits;
  },
};

/**
 * Stages that produce an image someone uses: not copied from (`COPY --from`) and not built upon by a
 * stage that has the label. Each must carry every schema label, itself or through its FROM chain.
 */
export const labelMissing: Rule = {
  id: 'label-missing',
  severity: 'info',
  description: 'A label required by the label schema is missing.',
  aliases: ['DL3049'],
  check(ctx) {
    const required = Object.keys(ctx.settings.labelSchema);
    if (required.length === 0) return [];
    const all = steps(ctx.model).filter((s) => !s.onbuild);
    const froms = all.filter((s) => s.keyword === 'FROM');
    const names = froms.map((s) => s.from?.alias?.toLowerCase());
    const parentOf = froms.map((s, i) => {
      const base = (s.from?.imageRaw ?? '').toLowerCase();
      const parent = names.findIndex((n, j) => j < i && n === base);
      return parent === -1 ? undefined : parent;
    });
    const copiedFrom = new Set<number>();
    for (const s of all) {
      if (s.keyword !== 'COPY') continue;
      const ref = instructionFlags(s)
        .find((f) => f.name === 'from')
        ?.value?.toLowerCase();
      const stage = ref === undefined ? -1 : /^\d+$/.test(ref) ? Number(ref) : names.indexOf(ref);
      if (stage >= 0) copiedFrom.add(stage);
    }
    const hits: RuleHit[] = [];
    for (const name of required) {
      const own = froms.map((_, i) => labels(ctx).some((l) => l.step.stage === i && l.name === name));
      const has = (i: number): boolean => {
        for (
          let s: number | undefined = i, guard = 0;
          s !== undefined && guard <= froms.length;
          s = parentOf[s], guard++
        )
          if (own[s]) return true;
        return false;
      };
      froms.forEach((from, i) => {
        if (has(i) || copiedFrom.has(i)) return;
        const children = parentOf.map((p, c) => (p === i ? c : -1)).filter((c) => c !== -1);
        if (children.some(has)) return;
        hits.push(hitAt(from, `Label \`${name}\` is missing.`));
      });
    }
    return hits;
  },
};

export const labelSuperfluous: Rule = {
  id: 'label-superfluous',
  severity: 'info',
  description: 'Superfluous label(s) present: with `strictLabels`, only labels in the schema are allowed.',
  aliases: ['DL3050'],
  check(ctx) {
    if (!ctx.settings.strictLabels) return [];
    const hits = new Map<Step, string[]>();
    for (const label of labels(ctx)) {
      if (label.name in ctx.settings.labelSchema) continue;
      hits.set(label.step, [...(hits.get(label.step) ?? []), label.name]);
    }
    return [...hits].map(([step, extra]) =>
      hitAt(step, `Superfluous label(s) present: ${extra.join(', ')}.`),
    );
  },
};

/** RFC 3339 date-time, e.g. `2021-03-10T10:26:33.56+01:00`. */
const RFC3339 =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
/** The regular expression semver.org publishes for SemVer 2.0.0. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]+$/;
const GIT_HASH = /^[0-9a-f]{7,40}$/;

/**
 * Common SPDX license identifiers. The full SPDX list (600+ ids) is not a dependency yet, so rarer
 * ids are flagged; `LicenseRef-...` and expressions of listed ids (`MIT OR Apache-2.0`) are accepted.
 */
const SPDX_IDS = new Set(
  (
    '0BSD AFL-3.0 AGPL-1.0 AGPL-3.0 AGPL-3.0-only AGPL-3.0-or-later Apache-1.0 Apache-1.1 Apache-2.0 APSL-2.0 ' +
    'Artistic-1.0 Artistic-2.0 BlueOak-1.0.0 BSD-1-Clause BSD-2-Clause BSD-2-Clause-Patent BSD-3-Clause ' +
    'BSD-3-Clause-Clear BSD-4-Clause BSL-1.0 BUSL-1.1 CC-BY-3.0 CC-BY-4.0 CC-BY-SA-3.0 CC-BY-SA-4.0 CC0-1.0 ' +
    'CDDL-1.0 CDDL-1.1 CECILL-2.1 CPL-1.0 ECL-2.0 EFL-2.0 ELv2 EPL-1.0 EPL-2.0 EUPL-1.1 EUPL-1.2 GPL-1.0 ' +
    'GPL-2.0 GPL-2.0-only GPL-2.0-or-later GPL-3.0 GPL-3.0-only GPL-3.0-or-later ISC LGPL-2.0 LGPL-2.0-only ' +
    'LGPL-2.0-or-later LGPL-2.1 LGPL-2.1-only LGPL-2.1-or-later LGPL-3.0 LGPL-3.0-only LGPL-3.0-or-later ' +
    'MIT MIT-0 MPL-1.1 MPL-2.0 MPL-2.0-no-copyleft-exception MS-PL MS-RL MulanPSL-2.0 NCSA OFL-1.1 OpenSSL ' +
    'OSL-3.0 PHP-3.01 PostgreSQL Python-2.0 Ruby SSPL-1.0 Unicode-DFS-2016 Unlicense UPL-1.0 Vim W3C WTFPL ' +
    'X11 Zlib ZPL-2.1'
  ).split(' '),
);

export function isSpdxExpression(value: string): boolean {
  const words = value.replace(/[()]/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0) return false;
  return words.every((w, i) =>
    i % 2 === 1
      ? ['AND', 'OR', 'WITH'].includes(w)
      : SPDX_IDS.has(w.replace(/\+$/, '')) ||
        /^(DocumentRef-[\w.-]+:)?LicenseRef-[\w.-]+$/.test(w) ||
        words[i - 1] === 'WITH',
  );
}

function validates(type: LabelType, value: string): boolean {
  switch (type) {
    case 'url':
      return isUrl(value);
    case 'rfc3339':
      return RFC3339.test(value);
    case 'spdx':
      return isSpdxExpression(value);
    case 'hash':
      return GIT_HASH.test(value);
    case 'semver':
      return SEMVER.test(value);
    case 'email':
      return EMAIL.test(value);
    default:
      return true;
  }
}

function isUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) && (url.host !== '' || url.protocol === 'mailto:');
  } catch {
    return false;
  }
}

export const labelEmpty: Rule = {
  id: 'label-empty',
  severity: 'warning',
  description: 'A label required by the label schema is empty.',
  aliases: ['DL3051'],
  check(ctx) {
    return labels(ctx)
      .filter((l) => l.name in ctx.settings.labelSchema && l.value.trim() === '')
      .map((l) => hitAt(l.step, `Label \`${l.name}\` is empty.`));
  },
};

function formatRule(
  id: string,
  alias: string,
  type: LabelType,
  what: string,
  severity: Severity = 'warning',
): Rule {
  return {
    id,
    severity,
    description: `A label the schema types as ${type} is not ${what}.`,
    aliases: [alias],
    check(ctx) {
      return labels(ctx)
        .filter(
          (l) => ctx.settings.labelSchema[l.name] === type && l.value !== '' && !validates(type, l.value),
        )
        .map((l) => hitAt(l.step, `Label \`${l.name}\` is not ${what}: \`${l.value}\`.`));
    },
  };
}

export const labelUrl = formatRule('label-url', 'DL3052', 'url', 'a valid URL');
export const labelRfc3339 = formatRule(
  'label-rfc3339',
  'DL3053',
  'rfc3339',
  'a valid time format (it must conform to RFC 3339)',
);
export const labelSpdx = formatRule('label-spdx', 'DL3054', 'spdx', 'a valid SPDX license identifier');
export const labelGitHash = formatRule('label-git-hash', 'DL3055', 'hash', 'a valid git hash');
export const labelSemver = formatRule('label-semver', 'DL3056', 'semver', 'a semantic version (semver.org)');
export const labelEmail = formatRule(
  'label-email',
  'DL3058',
  'email',
  'a valid email address (it must conform to RFC 5322)',
);
