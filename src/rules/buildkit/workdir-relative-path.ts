/**
 * BuildKit's WorkdirRelativePath: the first WORKDIR of a stage (counting the stages it builds on) is
 * relative, so it depends on the base image's working directory, which can change under you. Later
 * relative WORKDIRs are fine: they build on the first.
 */
import type { Rule, RuleHit } from '../types.js';
import { hitFor, ownSteps, stageChain } from './common.js';

/** Absolute on Linux or Windows; a path that starts with a variable is given the benefit of the doubt. */
const ABSOLUTE_OR_UNKNOWN = /^(?:[/\\]|[A-Za-z]:[/\\]|\$)/;

export const workdirRelativePath: Rule = {
  id: 'workdir-relative-path',
  severity: 'warning',
  description:
    'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes.',
  aliases: ['WorkdirRelativePath'],
  check: ({ model }) => {
    const hits: RuleHit[] = [];
    for (const stage of model.graph.stages) {
      let workdirSet = stageChain(model, stage)
        .slice(1)
        .some((s) => ownSteps(s).some((i) => i.keyword === 'WORKDIR'));
      for (const i of ownSteps(stage)) {
        if (i.keyword !== 'WORKDIR') continue;
        const path = i.argsText.trim().replace(/^(["'])(.*)\1$/, '$2');
        if (!workdirSet && path !== '' && !ABSOLUTE_OR_UNKNOWN.test(path))
          hits.push(
            hitFor(i, `Relative workdir "${path}" can have unexpected results if the base image changes`),
          );
        workdirSet = true;
      }
    }
    return hits;
  },
};
