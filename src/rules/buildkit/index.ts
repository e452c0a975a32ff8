/**
 * BuildKit's 21 build checks (`docker build --check`), one rule each, aliased by their BuildKit names
 * (and, where hadolint has the same rule, by its DL id and the id of the stagegate rule merged in).
 */
import type { Rule } from '../types.js';
import { consistentInstructionCasing } from './casing.js';
import { copyIgnoredFile } from './copy-ignored-file.js';
import { exposeInvalidFormat, exposeProtoCasing } from './expose.js';
import { invalidDefaultArgInFrom, undefinedArgInFrom } from './from-args.js';
import { invalidDefinitionDescription } from './invalid-definition-description.js';
import { jsonArgsRecommended } from './json-args-recommended.js';
import { legacyKeyValueFormat } from './legacy-key-value-format.js';
import { maintainerDeprecated } from './maintainer-deprecated.js';
import { multipleInstructionsDisallowed } from './multiple-instructions-disallowed.js';
import { noEmptyContinuation } from './no-empty-continuation.js';
import { fromPlatformFlagConstDisallowed, redundantTargetPlatform } from './platform.js';
import { secretsUsedInArgOrEnv } from './secrets-used-in-arg-or-env.js';
import { duplicateStageName, fromAsCasing, reservedStageName, stageNameCasing } from './stage-names.js';
import { undefinedVar } from './undefined-var.js';
import { workdirRelativePath } from './workdir-relative-path.js';

export const buildkitRules: Rule[] = [
  stageNameCasing,
  fromAsCasing,
  noEmptyContinuation,
  consistentInstructionCasing,
  duplicateStageName,
  reservedStageName,
  jsonArgsRecommended,
  maintainerDeprecated,
  undefinedArgInFrom,
  workdirRelativePath,
  undefinedVar,
  multipleInstructionsDisallowed,
  legacyKeyValueFormat,
  redundantTargetPlatform,
  secretsUsedInArgOrEnv,
  invalidDefaultArgInFrom,
  fromPlatformFlagConstDisallowed,
  copyIgnoredFile,
  exposeProtoCasing,
  exposeInvalidFormat,
  invalidDefinitionDescription,
];

/**
 * BuildKit's check names (UpperCamelCase, unlike hadolint's DL ids and the ids of the hadolint rules
 * merged into these), for `# check=skip=...` and `# check=error=true`.
 */
export const BUILDKIT_CHECK_NAMES: readonly string[] = buildkitRules
  .flatMap((r) => r.aliases)
  .filter((a) => /^[A-Z][A-Za-z]*$/.test(a));
