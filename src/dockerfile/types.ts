import type { DockerInstruction, InstructionModel } from './instructions.js';

/** How one stage refers to another (or to an external image). */
export interface StageEdge {
  kind: 'from' | 'copy' | 'mount';
  /** The reference exactly as written after variable substitution (`build`, `0`, `alpine:3`). */
  ref: string;
  /** Index of the stage it names, when it names a stage; undefined when it names an image. */
  stage?: number;
  /** 1-based line of the instruction that holds the reference. */
  line: number;
}

export interface Stage {
  index: number;
  /** The `AS` name as written, or undefined for unnamed stages. */
  name?: string;
  /** Lower-cased name (BuildKit compares stage names case-insensitively), or the index as a string. */
  key: string;
  /** 1-based first line (the FROM) and last line of the stage. */
  line: number;
  endLine: number;
  /** The FROM's image reference as written, and after global ARG substitution. */
  baseRaw: string;
  base: string;
  /** Index of the parent stage when `FROM <stage>`. */
  parent?: number;
  platform?: string;
  /** The stage's instructions as typed records (instructions.ts), FROM first. */
  steps: DockerInstruction[];
  edges: StageEdge[];
}

export interface GlobalArg {
  name: string;
  /** Default written in the Dockerfile (undefined when none). */
  defaultValue?: string;
  /** Value in effect: the build-arg override, else the default. */
  value?: string;
  line: number;
}

export interface StageGraph {
  stages: Stage[];
  globalArgs: GlobalArg[];
}

/**
 * A Dockerfile read and parsed once; everything downstream works from this. Plain data: dockerfile-ast's
 * parse is read into it (load.ts) and not kept.
 */
export interface DockerfileModel {
  /** Path as given (used in findings, annotations and links). */
  file: string;
  text: string;
  graph: StageGraph;
  /** Every instruction as typed data, in file order (global ARGs first, stage -1). */
  instructions: DockerInstruction[];
  escapeChar: string;
  /** Parser directives (`# syntax=`, `# check=`, `# escape=`) with their lines, as BuildKit reads them. */
  directives: InstructionModel['directives'];
  /** Every comment line, as dockerfile-ast reads them (see instructions.ts's `CommentLine`). */
  comments: InstructionModel['comments'];
}
