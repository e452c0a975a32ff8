/**
 * stagegate's own rules: what only a linter that sees the stage graph, the build target and the test
 * gate can tell. Each rule's page is docs/rules/<id>.md.
 */
import type { Rule } from '../types.js';
import { addUrlChecksum } from './add-url-checksum.js';
import { finalStageCompilers } from './final-stage-compilers.js';
import { floatingImageTag } from './floating-image-tag.js';
import { npmWithoutPackageJson } from './npm-without-package-json.js';
import { cacheNotCleaned } from './cache-not-cleaned.js';
import { copyFromIndex, copyFromUnknownStage } from './copy-from-reference.js';
import { dockerignoreIncomplete, dockerignoreMissing } from './dockerignore.js';
import { finalStageBuildTree, finalStageDevDependencies } from './final-stage-build-tree.js';
import { finalStageFullImage } from './final-stage-full-image.js';
import { finalStageRoot } from './final-stage-root.js';
import { finalStageManyRuns } from './final-stage-run-layers.js';
import { installAfterCopyAll } from './install-after-copy-all.js';
import { malformedFlag } from './malformed-flag.js';
import { npmCiPreferred, npmDeprecatedProductionFlag } from './npm-install.js';
import { testStageNotInTarget, unreachableStage } from './unused-stages.js';

export const multistageRules: Rule[] = [
  finalStageFullImage,
  finalStageRoot,
  copyFromUnknownStage,
  copyFromIndex,
  finalStageBuildTree,
  finalStageDevDependencies,
  installAfterCopyAll,
  npmCiPreferred,
  npmDeprecatedProductionFlag,
  cacheNotCleaned,
  unreachableStage,
  testStageNotInTarget,
  dockerignoreMissing,
  dockerignoreIncomplete,
  finalStageManyRuns,
  malformedFlag,
  addUrlChecksum,
  floatingImageTag,
  finalStageCompilers,
  npmWithoutPackageJson,
];
