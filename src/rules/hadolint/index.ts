/**
 * Rules that cover hadolint's DL checks. Each lists the DL id(s) it corresponds to in `aliases`, so
 * `# hadolint ignore=DLxxxx` and the agreement test against hadolint's own cases find it. The DL rules
 * that have a BuildKit twin (DL3000, DL3012, DL3024, DL3025 for CMD/ENTRYPOINT, DL3063, DL3064,
 * DL3065, DL4000, DL4003, DL4004) are that BuildKit rule's aliases, in src/rules/buildkit/.
 */
import type { Rule } from '../types.js';
import { aptAssumeYes, aptCleanLists, aptNoInstallRecommends, aptPinVersions, aptUseAptGet } from './apt.js';
import { apkNoCache, apkPinVersions } from './apk.js';
import {
  addForArchives,
  copyFromSelf,
  copyMultipleSourcesDir,
  copyNotAdd,
  copyRelativeWithoutWorkdir,
  copyWholeFilesystem,
} from './copy-add.js';
import { imageNotLatest, imageTag, noPlatformFlag, trustedRegistries } from './from.js';
import { gemPinVersions, goInstallPinVersions } from './gem-go.js';
import {
  consecutiveRuns,
  envSelfReference,
  exposeValidPorts,
  fromFirst,
  healthcheckJsonForm,
  healthcheckMissing,
  lastUserNotRoot,
  numericUser,
  onbuildForbiddenTrigger,
} from './instructions.js';
import {
  labelEmail,
  labelEmpty,
  labelGitHash,
  labelKeyValid,
  labelMissing,
  labelRfc3339,
  labelSemver,
  labelSpdx,
  labelSuperfluous,
  labelUrl,
} from './labels.js';
import { npmPinVersions, yarnCacheClean } from './node.js';
import { pipefail } from './pipefail.js';
import { pipNoCacheDir, pipPinVersions } from './pip.js';
import {
  dnfAssumeYes,
  dnfCleanAll,
  dnfPinVersions,
  yumAssumeYes,
  yumCleanAll,
  yumPinVersions,
  zypperClean,
  zypperNoDistUpgrade,
  zypperNonInteractive,
  zypperPinVersions,
} from './rpm.js';
import {
  noSudo,
  pointlessCommands,
  useraddLogInit,
  useShellInstruction,
  useWorkdir,
  wgetOrCurl,
  wgetProgress,
} from './run-commands.js';
import { shellcheck } from './shellcheck.js';

/** In DL order. */
export const hadolintRules: Rule[] = [
  pointlessCommands, // DL3001
  lastUserNotRoot, // DL3002
  useWorkdir, // DL3003
  noSudo, // DL3004
  imageTag, // DL3006
  imageNotLatest, // DL3007
  aptPinVersions, // DL3008
  aptCleanLists, // DL3009
  addForArchives, // DL3010
  exposeValidPorts, // DL3011
  pipPinVersions, // DL3013
  aptAssumeYes, // DL3014
  aptNoInstallRecommends, // DL3015
  npmPinVersions, // DL3016
  apkPinVersions, // DL3018
  apkNoCache, // DL3019
  copyNotAdd, // DL3020
  copyMultipleSourcesDir, // DL3021
  copyFromSelf, // DL3023
  healthcheckJsonForm, // DL3025 (HEALTHCHECK)
  trustedRegistries, // DL3026
  aptUseAptGet, // DL3027
  gemPinVersions, // DL3028
  noPlatformFlag, // DL3029
  yumAssumeYes, // DL3030
  yumCleanAll, // DL3032
  yumPinVersions, // DL3033
  zypperNonInteractive, // DL3034
  zypperNoDistUpgrade, // DL3035
  zypperClean, // DL3036
  zypperPinVersions, // DL3037
  dnfAssumeYes, // DL3038
  dnfCleanAll, // DL3040
  dnfPinVersions, // DL3041
  pipNoCacheDir, // DL3042
  onbuildForbiddenTrigger, // DL3043
  envSelfReference, // DL3044
  copyRelativeWithoutWorkdir, // DL3045
  useraddLogInit, // DL3046
  wgetProgress, // DL3047
  labelKeyValid, // DL3048
  labelMissing, // DL3049
  labelSuperfluous, // DL3050
  labelEmpty, // DL3051
  labelUrl, // DL3052
  labelRfc3339, // DL3053
  labelSpdx, // DL3054
  labelGitHash, // DL3055
  labelSemver, // DL3056
  healthcheckMissing, // DL3057
  labelEmail, // DL3058
  consecutiveRuns, // DL3059
  yarnCacheClean, // DL3060
  fromFirst, // DL3061
  goInstallPinVersions, // DL3062
  numericUser, // DL3066
  copyWholeFilesystem, // DL3067
  wgetOrCurl, // DL4001
  useShellInstruction, // DL4005
  pipefail, // DL4006
  shellcheck, // SCxxxx
];
