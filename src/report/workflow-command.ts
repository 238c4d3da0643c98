/** A GitHub Actions annotation level. @public */
export type AnnotationLevel = 'error' | 'warning' | 'notice';

/** One GitHub Actions annotation: `::<level> file=…,line=…,title=…::message`. @public */
export interface Annotation {
  readonly level: AnnotationLevel;
  readonly message: string;
  readonly title?: string;
  /** Path relative to the repository root (the workspace), as GitHub resolves it. */
  readonly file?: string;
  readonly line?: number;
}

/**
 * Escapes a workflow command's message as the Actions runner reads it back: `%` → `%25`, CR → `%0D`, LF → `%0A`.
 * @param text - the message
 * @remarks Since 0.1
 * @public
 */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Escapes a workflow command's property value: as a message, plus `:` → `%3A` and `,` → `%2C` (they delimit
 * properties).
 * @param text - the property value
 * @remarks Since 0.1
 * @public
 */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One annotation as a workflow command line (without the trailing newline).
 * @param annotation - level, message and where it points
 * @remarks Since 0.1
 * @public
 */
export function formatWorkflowCommand(annotation: Annotation): string {
  const props = [
    annotation.file === undefined ? undefined : `file=${escapeCommandProperty(annotation.file)}`,
    annotation.line === undefined ? undefined : `line=${annotation.line}`,
    annotation.title === undefined ? undefined : `title=${escapeCommandProperty(annotation.title)}`,
  ].filter((p) => p !== undefined);
  const head = props.length === 0 ? `::${annotation.level}` : `::${annotation.level} ${props.join(',')}`;
  return `${head}::${escapeCommandData(annotation.message)}`;
}
