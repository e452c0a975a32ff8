/**
 * `.stagegate.yml` (the `config` input): which rules to ignore, severity overrides, and the settings
 * rules read (trusted registries, label schema). hadolint's spellings are accepted too, so a
 * `.hadolint.yaml` moves over unchanged:
 *
 * ```yaml
 * ignore: [DL3008, stage-name-casing]        # hadolint: ignored
 * severity: { undefined-var: error }          # by id or alias; `off` ignores the rule
 * override: { info: [DL3018] }                # hadolint's form: severity -> rules
 * trusted-registries: [docker.io, ghcr.io]    # hadolint: trustedRegistries
 * label-schema: { maintainer: email }         # hadolint: label-schema
 * strict-labels: true                         # hadolint: strict-labels
 * ```
 * A config it cannot use is a UserError naming the key and what is allowed; nothing is guessed.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { UserError } from '../errors.js';
import { SEVERITIES, type RuleSettings, type Severity } from './types.js';

export interface LintConfig {
  /** Lower-cased rule ids/aliases to drop. */
  ignored: string[];
  /** Lower-cased rule id/alias -> severity. */
  severity: Record<string, Severity>;
  settings: RuleSettings;
}

export const LABEL_TYPES: readonly RuleSettings['labelSchema'][string][] = [
  'text',
  'url',
  'spdx',
  'hash',
  'rfc3339',
  'semver',
  'email',
];

/** Key as written -> what it means. */
const KEYS: Record<string, 'ignore' | 'severity' | 'override' | 'registries' | 'labels' | 'strict'> = {
  ignore: 'ignore',
  ignored: 'ignore',
  severity: 'severity',
  override: 'override',
  'trusted-registries': 'registries',
  trustedRegistries: 'registries',
  'label-schema': 'labels',
  labelSchema: 'labels',
  'strict-labels': 'strict',
  strictLabels: 'strict',
};

const SEVERITY_WORDS = [...SEVERITIES, 'off'] as const;

export function emptyConfig(): LintConfig {
  return {
    ignored: [],
    severity: {},
    settings: { trustedRegistries: [], labelSchema: {}, strictLabels: false },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type Fail = (message: string) => never;

/** The checks every key's value goes through, each failing with what would be right. */
function configReader(config: LintConfig, fail: Fail, isKnownRule: (name: string) => boolean) {
  const ruleName = (key: string, value: unknown): string => {
    if (typeof value !== 'string' || value.trim() === '')
      return fail(`'${key}' must list rule ids or aliases as strings; found ${JSON.stringify(value)}.`);
    const name = value.trim();
    if (!isKnownRule(name) && !/^(DL|SC)\d{4}$/i.test(name))
      fail(`'${key}' names '${name}', which is not a rule id or alias. Run 'stagegate rules' for the list.`);
    return name.toLowerCase();
  };
  const stringList = (key: string, value: unknown): unknown[] =>
    Array.isArray(value)
      ? value
      : fail(`'${key}' must be a list, e.g. ${key}: [a, b]; found ${JSON.stringify(value)}.`);
  const severityWord = (where: string, value: unknown): Severity | 'off' => {
    const word = typeof value === 'string' ? value.trim().toLowerCase() : value;
    if (!SEVERITY_WORDS.includes(word as Severity | 'off'))
      fail(`${where} must be one of ${SEVERITY_WORDS.join(', ')}; found ${JSON.stringify(value)}.`);
    return word as Severity | 'off';
  };
  const setSeverity = (name: string, level: Severity | 'off'): void => {
    if (level === 'off') config.ignored.push(name);
    else config.severity[name] = level;
  };

  return { config, fail, ruleName, stringList, severityWord, setSeverity };
}

type ConfigReader = ReturnType<typeof configReader>;

/** Applies one top-level key of the config. */
function applyKey(reader: ConfigReader, meaning: string, key: string, value: unknown): void {
  const { config, fail, ruleName, stringList, severityWord, setSeverity } = reader;
  switch (meaning) {
    case 'ignore':
      for (const v of stringList(key, value)) config.ignored.push(ruleName(key, v));
      break;
    case 'severity':
      if (!isRecord(value))
        fail(`'${key}' must map rule ids or aliases to a severity, e.g. severity: { undefined-var: error }.`);
      for (const [name, level] of Object.entries(value as Record<string, unknown>))
        setSeverity(ruleName(key, name), severityWord(`'${key}.${name}'`, level));
      break;
    case 'override':
      if (!isRecord(value))
        fail(`'${key}' must map a severity to a list of rules, e.g. override: { info: [DL3008] }.`);
      for (const [level, names] of Object.entries(value as Record<string, unknown>)) {
        const severity = severityWord(`a key of '${key}' ('${level}')`, level);
        for (const v of stringList(`${key}.${level}`, names))
          setSeverity(ruleName(`${key}.${level}`, v), severity);
      }
      break;
    case 'registries':
      for (const v of stringList(key, value)) {
        if (typeof v !== 'string' || v.trim() === '')
          fail(`'${key}' must list registry hosts as strings (docker.io, ghcr.io).`);
        config.settings.trustedRegistries.push((v as string).trim());
      }
      break;
    case 'labels':
      if (!isRecord(value))
        fail(`'${key}' must map label names to a type, e.g. label-schema: { maintainer: email }.`);
      for (const [label, type] of Object.entries(value as Record<string, unknown>)) {
        if (!LABEL_TYPES.includes(type as RuleSettings['labelSchema'][string]))
          fail(`'${key}.${label}' must be one of ${LABEL_TYPES.join(', ')}; found ${JSON.stringify(type)}.`);
        config.settings.labelSchema[label] = type as RuleSettings['labelSchema'][string];
      }
      break;
    case 'strict':
      if (typeof value !== 'boolean') fail(`'${key}' must be true or false; found ${JSON.stringify(value)}.`);
      config.settings.strictLabels = value as boolean;
      break;
  }
}

/**
 * Parses the config text. `isKnownRule` says whether a name is a rule id or alias; unknown names are
 * an error (a typo would silently do nothing), except hadolint ids we do not implement (DLxxxx/SCxxxx),
 * so hadolint configs keep working.
 */
export function parseLintConfig(
  text: string,
  file: string,
  isKnownRule: (name: string) => boolean = () => true,
): LintConfig {
  const fail = (message: string): never => {
    throw new UserError(`${file}: ${message}`, 'findings', { file });
  };
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    fail(`not valid YAML: ${(err as Error).message}`);
  }
  const config = emptyConfig();
  if (doc === null || doc === undefined) return config;
  if (!isRecord(doc))
    return fail('the config must be a mapping of keys (ignore, severity, trusted-registries, ...).');

  const reader = configReader(config, fail, isKnownRule);
  for (const [key, value] of Object.entries(doc)) {
    const meaning = KEYS[key];
    if (!meaning)
      fail(
        `unknown key '${key}'. Allowed keys: ignore, severity, override, trusted-registries, label-schema, strict-labels.`,
      );
    applyKey(reader, meaning, key, value);
  }
  return config;
}

export function loadLintConfig(file: string, isKnownRule?: (name: string) => boolean): LintConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(
      `Cannot read the config file ${file}: ${(err as Error).message}. Set 'config' to an existing .stagegate.yml, or leave it empty.`,
      'findings',
      { file },
    );
  }
  return parseLintConfig(text, file, isKnownRule);
}
