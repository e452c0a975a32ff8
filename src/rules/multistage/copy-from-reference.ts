/**
 * What `COPY --from=<ref>` (and `RUN --mount=from=<ref>`) points at. A name that is no earlier stage is
 * silently pulled as an image (`--from=biuld` pulls `docker.io/library/biuld:latest`), and an index
 * (`--from=0`) breaks quietly when a stage is inserted above it.
 */
import type { DockerInstruction as Instruction } from '../../dockerfile/instructions.js';
import type { Stage } from '../../dockerfile/types.js';
import type { Rule, RuleContext, RuleHit } from '../types.js';
import { edgeStageAt, flagsOf, keywordOf, lineOf, endLineOf, stageLabel } from './stage-facts.js';

interface FromReference {
  instruction: Instruction;
  line: number;
  /** After ARG substitution when the graph resolved it, else as written. */
  ref: string;
  kind: 'copy' | 'mount';
  /** Index of the stage the instruction belongs to (the number of FROMs before it, minus one; -1 before any FROM). */
  stageIndex: number;
}

/**
 * Every `--from` in file order. Walks the AST rather than the stage list so that a COPY before any
 * FROM (which hadolint's DL3022 cases contain) is seen too, with no earlier stage.
 */
function fromReferences(ctx: RuleContext): FromReference[] {
  const refs: FromReference[] = [];
  let stageIndex = -1;
  for (const instruction of ctx.model.instructions) {
    const keyword = keywordOf(instruction);
    if (keyword === 'FROM') {
      stageIndex++;
      continue;
    }
    const line = lineOf(instruction);
    const stage: Stage | undefined = ctx.model.graph.stages[stageIndex];
    if (keyword === 'COPY') {
      const written = flagsOf(instruction).find((f) => f.name.toLowerCase() === 'from')?.value;
      if (written === null || written === undefined || written === '') continue;
      const edge = stage ? edgeStageAt(stage, line, 'copy') : undefined;
      refs.push({ instruction, line, ref: edge?.ref ?? written, kind: 'copy', stageIndex });
    } else if (keyword === 'RUN') {
      for (const flag of flagsOf(instruction)) {
        if (flag.name !== 'mount' || !flag.value) continue;
        const from = /(?:^|,)from=([^,]+)/.exec(flag.value)?.[1];
        if (!from) continue;
        const edge = stage?.edges.find(
          (e) => e.kind === 'mount' && e.line === line && e.ref.toLowerCase() === from.toLowerCase(),
        );
        refs.push({ instruction, line, ref: edge?.ref ?? from, kind: 'mount', stageIndex });
      }
    }
  }
  return refs;
}

/** An image reference has a tag, digest or registry/namespace; a bare word is meant as a stage name. */
function looksLikeImage(ref: string): boolean {
  return /[:/@]/.test(ref);
}

function flagText(ref: FromReference): string {
  return ref.kind === 'copy' ? `--from=${ref.ref}` : `--mount=...,from=${ref.ref}`;
}

export const copyFromUnknownStage: Rule = {
  id: 'copy-from-unknown-stage',
  severity: 'warning',
  description:
    '`COPY --from=<name>` names no earlier stage, so Docker pulls an image of that name instead; fix the name or tag the image.',
  aliases: ['DL3022'],
  check(ctx) {
    const hits: RuleHit[] = [];
    const stages = ctx.model.graph.stages;
    for (const ref of fromReferences(ctx)) {
      if (ref.ref.includes('$') || looksLikeImage(ref.ref)) continue;
      const hit = { line: ref.line, endLine: endLineOf(ref.instruction) };
      if (/^\d+$/.test(ref.ref)) {
        const index = Number(ref.ref);
        if (index < ref.stageIndex) continue;
        hits.push({
          ...hit,
          message:
            index === ref.stageIndex && stages[index]
              ? `\`${flagText(ref)}\` refers to the stage it is in; a stage cannot copy from itself.`
              : `\`${flagText(ref)}\`: there is no stage #${index} before this instruction (stages count from 0).`,
        });
        continue;
      }
      const key = ref.ref.toLowerCase();
      const named = stages.find((s) => s.name !== undefined && s.key === key);
      if (named && named.index < ref.stageIndex) continue;
      if (named && named.index === ref.stageIndex) {
        hits.push({
          ...hit,
          message: `\`${flagText(ref)}\` refers to the stage it is in; a stage cannot copy from itself.`,
        });
      } else if (named) {
        hits.push({
          ...hit,
          message: `\`${flagText(ref)}\`: stage \`${named.name}\` is defined later (line ${named.line}); BuildKit accepts it but the classic builder pulls an image \`${ref.ref}\`. Move the stage above.`,
        });
      } else {
        hits.push({
          ...hit,
          message: `\`${flagText(ref)}\` names no stage, so Docker pulls the image \`${ref.ref}:latest\`. Fix the stage name, or write the image with a tag (\`${ref.ref}:<tag>\`).`,
        });
      }
    }
    return hits;
  },
};

export const copyFromIndex: Rule = {
  id: 'copy-from-index',
  severity: 'info',
  description:
    '`COPY --from=<index>` refers to a stage by position; name the stage (`FROM ... AS build`) and use `--from=build`.',
  aliases: [],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const ref of fromReferences(ctx)) {
      if (!/^\d+$/.test(ref.ref)) continue;
      const source = ctx.model.graph.stages[Number(ref.ref)];
      // An index that names no earlier stage is copy-from-unknown-stage's finding.
      if (!source || source.index >= ref.stageIndex) continue;
      const advice =
        source.name !== undefined
          ? `write \`--from=${source.name}\``
          : `name it (\`FROM ${source.baseRaw} AS <name>\` on line ${source.line}) and use that name`;
      hits.push({
        line: ref.line,
        endLine: endLineOf(ref.instruction),
        message: `\`${flagText(ref)}\` refers to stage ${stageLabel(source)} by position, which changes when a stage is added above it; ${advice}.`,
      });
    }
    return hits;
  },
};
