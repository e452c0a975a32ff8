/**
 * When a `FROM --platform` pins a stage on purpose, as BuildKit's FromPlatformFlagConstDisallowed
 * decides it (frontend/dockerfile/dockerfile2llb, reportConstPlatformDisallowed): a platform with any
 * variable in it is never constant, and a stage whose name holds the platform's OS or architecture
 * (`AS build-arm64`) is one of a set of per-platform stages. Shared by that check and hadolint's DL3029.
 */
import type { DockerInstruction } from '../dockerfile/instructions.js';
import type { DockerfileModel } from '../dockerfile/types.js';

/** containerd's architecture spellings that BuildKit's platform parser normalises. */
const ARCH_ALIASES: Record<string, string> = {
  x86_64: 'amd64',
  'x86-64': 'amd64',
  aarch64: 'arm64',
  armhf: 'arm',
  armel: 'arm',
  i386: '386',
};

/** A platform flag's value without one layer of quotes. */
export function platformText(raw: string): string {
  return raw.trim().replace(/^(["'])(.*)\1$/, '$2');
}

/** Whether the platform is written with a variable (`$BUILDPLATFORM`, `$TARGETOS/$TARGETARCH`, `${P}`). */
export function platformUsesVariables(platform: string): boolean {
  return platform.includes('$');
}

/** OS and normalised architecture of a constant platform (`linux/x86_64` -> linux, amd64). */
export function parsePlatform(platform: string): { os: string; arch: string } {
  const [os = '', rawArch = ''] = platformText(platform).toLowerCase().split('/');
  return { os, arch: ARCH_ALIASES[rawArch] ?? rawArch };
}

/** BuildKit's skip: the (lower-cased) stage name holds the platform's OS or architecture. */
export function stageNamedForPlatform(stageKey: string | undefined, platform: string): boolean {
  const { os, arch } = parsePlatform(platform);
  if (stageKey === undefined) return false;
  return (os !== '' && stageKey.includes(os)) || (arch !== '' && stageKey.includes(arch));
}

/** The `--from=` of a COPY, and of each `RUN --mount=...,from=...`, as written. */
function stageReferences(instruction: DockerInstruction): string[] {
  const refs: string[] = [];
  for (const flag of instruction.flags) {
    const name = flag.name;
    const value = flag.value ?? '';
    if (name === 'from') refs.push(value);
    else if (name === 'mount')
      for (const option of value.split(','))
        if (option.toLowerCase().startsWith('from=')) refs.push(option.slice(5));
  }
  return refs;
}

const VARIABLE = /\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g;

/**
 * Whether a reference is written with variables and some fixed text (`base-${TARGETARCH}`). A bare
 * `${BASE_IMAGE}` could be anything: it picks no stage by its name.
 */
const selectsByName = (reference: string) =>
  reference.includes('$') && reference.replace(VARIABLE, '').replace(/["']/g, '') !== '';

/** A reference written with variables as a pattern: each variable stands for any non-empty text. */
function referencePattern(reference: string): RegExp {
  const parts = reference
    .toLowerCase()
    .split(VARIABLE)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`);
}

/** Named stages a reference written with variables can pick (`binaries-$TARGETOS` -> binaries-linux...). */
export function stagesMatching(model: DockerfileModel, reference: string): number[] {
  if (!selectsByName(reference)) return [];
  const pattern = referencePattern(reference);
  return model.graph.stages.filter((s) => s.name !== undefined && pattern.test(s.key)).map((s) => s.index);
}

/**
 * Stages picked by a reference written with a variable: `FROM base-${TARGETARCH}`,
 * `COPY --from=build-$TARGETARCH` or a mount's `from=`. Such a stage is one of a set chosen per
 * build, so pinning its platform is the point.
 */
export function stagesSelectedByVariable(model: DockerfileModel): Set<number> {
  const references: string[] = [];
  for (const stage of model.graph.stages) {
    references.push(stage.baseRaw);
    // ONBUILD triggers left out: they run in images built FROM this one.
    for (const instruction of stage.steps.slice(1))
      if (!instruction.onbuild) references.push(...stageReferences(instruction));
  }
  const patterns = references.filter(selectsByName).map(referencePattern);
  const selected = new Set<number>();
  for (const stage of model.graph.stages)
    if (stage.name !== undefined && patterns.some((p) => p.test(stage.key))) selected.add(stage.index);
  return selected;
}
