/**
 * BuildKit's WorkdirRelativePath, with hadolint's DL3000: the first WORKDIR of a stage (counting the
 * stages it builds on) is relative, so it depends on the base image's working directory, which can
 * change under you. Later relative WORKDIRs are fine, as BuildKit says: they build on the first
 * (hadolint reports every relative WORKDIR). Like hadolint, WORKDIRs before the first FROM and ONBUILD
 * triggers are checked too; a trigger runs after the whole stage, so any WORKDIR of it counts as set.
 */
import type { DockerInstruction } from '../../dockerfile/instructions.js';
import type { Rule, RuleHit } from '../types.js';
import { hitFor, ownSteps, stageChain } from './common.js';

/** Absolute on Linux or Windows; a path that starts with a variable is given the benefit of the doubt. */
const ABSOLUTE_OR_UNKNOWN = /^(?:[/\\]|[A-Za-z]:[/\\]|\$)/;

export const workdirRelativePath: Rule = {
  id: 'workdir-relative-path',
  severity: 'error',
  description:
    'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes.',
  aliases: ['WorkdirRelativePath', 'workdir-absolute', 'DL3000'],
  check: ({ model }) => {
    const hits: RuleHit[] = [];
    const check = (i: DockerInstruction, workdirSet: boolean) => {
      if (i.keyword !== 'WORKDIR') return workdirSet;
      const path = i.argsText.trim().replace(/^(["'])(.*)\1$/, '$2');
      if (!workdirSet && path !== '' && !ABSOLUTE_OR_UNKNOWN.test(path))
        hits.push(
          hitFor(i, `Relative workdir "${path}" can have unexpected results if the base image changes`),
        );
      return true;
    };
    let beforeFrom = false;
    for (const i of model.instructions) if (i.stage < 0) beforeFrom = check(i, beforeFrom);
    for (const stage of model.graph.stages) {
      let workdirSet = stageChain(model, stage)
        .slice(1)
        .some((s) => ownSteps(s).some((i) => i.keyword === 'WORKDIR'));
      for (const i of ownSteps(stage)) workdirSet = check(i, workdirSet);
      for (const i of stage.steps) if (i.onbuild) workdirSet = check(i, workdirSet);
    }
    return hits;
  },
};
