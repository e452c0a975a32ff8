/**
 * Issue 14 items 2 and 3: layer-hygiene rules at full severity only in the stages that ship in the
 * target, and defaults that match upstream (BuildKit's experimental checks and DL3057 off, version pins
 * at info), each with the opt-in that brings them back.
 */
import { describe, expect, it } from '@jest/globals';
import { runLint, shippedStages } from '../../../src/rules/lint.js';
import { allRules } from '../../../src/rules/registry.js';
import type { Finding } from '../../../src/rules/types.js';
import { model } from '../../helpers/lint-models.js';

const find = (findings: Finding[], alias: string): Finding[] =>
  findings.filter((f) => f.aliases.includes(alias) || f.rule === alias);

const MULTI = [
  'FROM python:3.13-slim AS wheels', // 1: only copied from: its layers do not ship
  'RUN pip install flask==3.1.0', //    2: pip cache left (DL3042)
  'FROM python:3.13-slim AS base', //   3: the target is built FROM it: ships
  'RUN pip install requests==2.32.3', //4
  'FROM base AS app', //                5: the target
  'COPY --from=wheels /root /wheels',
  'RUN pip install six==1.16.0', //     7
  'USER 1000',
  '',
].join('\n');

describe('layer hygiene follows the target FROM chain', () => {
  it('keeps full severity in the target and the stages it is built FROM, info elsewhere (with the reason)', () => {
    const findings = find(runLint(model(MULTI)).findings, 'DL3042');
    expect(findings.map((f) => [f.line, f.severity])).toEqual([
      [2, 'info'],
      [4, 'warning'],
      [7, 'warning'],
    ]);
    expect(findings[0]?.message).toContain("stage `wheels` is not in the target's FROM chain");
    expect(findings[1]?.message).not.toContain('FROM chain');
  });

  it('follows the build target: targeting the builder stage ships its layers', () => {
    const findings = find(runLint(model(MULTI), { target: 0 }).findings, 'DL3042');
    expect(findings.map((f) => [f.line, f.severity])).toEqual([
      [2, 'warning'],
      [4, 'info'],
      [7, 'info'],
    ]);
  });

  it('computes the shipped stages transitively through FROM, not through COPY --from', () => {
    expect([...shippedStages(model(MULTI), 2)].sort()).toEqual([1, 2]);
    expect([...shippedStages(model(MULTI), 0)]).toEqual([0]);
  });

  it('leaves rules that are not layer hygiene alone in builder stages', () => {
    const text = 'FROM alpine AS build\nRUN sudo make\nFROM alpine\nCOPY --from=build /x /x\n';
    const sudo = find(runLint(model(text)).findings, 'DL3004');
    expect(sudo.map((f) => [f.line, f.severity])).toEqual([[2, 'error']]);
  });

  it('marks the hygiene rules as data: caches, package lists, pins and consecutive RUNs', () => {
    const hygiene = allRules.filter((r) => r.layerHygiene).flatMap((r) => [r.id, ...r.aliases]);
    for (const name of [
      'DL3009',
      'DL3019',
      'DL3042',
      'DL3060',
      'DL3008',
      'DL3018',
      'DL3059',
      'cache-not-cleaned',
    ])
      expect(hygiene).toContain(name);
    expect(hygiene).not.toContain('DL3004');
  });
});

describe('defaults that match upstream', () => {
  const description = '# a non-descriptive comment\nFROM scratch AS base\n';

  it('leaves BuildKit experimental checks off, as BuildKit does', () => {
    expect(find(runLint(model(description)).findings, 'InvalidDefinitionDescription')).toEqual([]);
  });

  it('runs an experimental check turned on by `# check=experimental=` or a severity in the config', () => {
    const directive = `# check=experimental=InvalidDefinitionDescription\n${description}`;
    expect(find(runLint(model(directive)).findings, 'InvalidDefinitionDescription')).toHaveLength(1);
    const all = `# check=experimental=all\n${description}`;
    expect(find(runLint(model(all)).findings, 'InvalidDefinitionDescription')).toHaveLength(1);
    const configured = runLint(model(description), {
      severityOverrides: { invaliddefinitiondescription: 'warning' },
    });
    expect(find(configured.findings, 'InvalidDefinitionDescription').map((f) => f.severity)).toEqual([
      'warning',
    ]);
  });

  it('leaves DL3057 (HEALTHCHECK missing) off, as hadolint does, and runs it when configured', () => {
    const text = 'FROM alpine\nCMD ["sh"]\n';
    expect(find(runLint(model(text)).findings, 'DL3057')).toEqual([]);
    expect(
      find(runLint(model(text), { severityOverrides: { dl3057: 'info' } }).findings, 'DL3057'),
    ).toHaveLength(1);
    expect(find(runLint(model(text), { enabled: ['healthcheck-missing'] }).findings, 'DL3057')).toHaveLength(
      1,
    );
  });

  it('reports version pins at info by default, and at the configured severity when raised', () => {
    const text = 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 1000\n';
    expect(find(runLint(model(text)).findings, 'DL3018').map((f) => f.severity)).toEqual(['info']);
    const raised = runLint(model(text), { severityOverrides: { dl3018: 'error' } });
    expect(find(raised.findings, 'DL3018').map((f) => f.severity)).toEqual(['error']);
  });

  it('keeps every noise-class rule at info or style', () => {
    const noise = [
      'DL3008',
      'DL3013',
      'DL3016',
      'DL3018',
      'DL3028',
      'DL3033',
      'DL3037',
      'DL3041',
      'DL3062',
      'DL3059',
      'DL3066',
      'StageNameCasing',
      'FromAsCasing',
      'ConsistentInstructionCasing',
      'ExposeProtoCasing',
    ];
    for (const name of noise) {
      const rule = allRules.find((r) => r.aliases.includes(name));
      expect([name, rule?.severity]).toEqual([name, expect.stringMatching(/^(info|style)$/)]);
    }
  });
});
