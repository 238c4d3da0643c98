import type { ContractDraft } from './draft-contract.ts';
import type { FieldGuess } from './infer-fields.ts';

/** The comment of one top-level input field: its guesses, and its role (entity, event time) with the reasons. */
export function fieldComment(draft: ContractDraft, field: FieldGuess): string {
  const notes = [...field.notes];
  if (draft.entity?.field === field.name) notes.push(draft.entity.note);
  if (draft.timestamp?.field === field.name) notes.push(draft.timestamp.note);
  return guessed(notes);
}

/** `guessed: a; b` (or just the TODO when a note is one). */
export function guessed(notes: readonly string[]): string {
  return notes.length === 0 ? 'guessed' : `guessed: ${notes.join('; ')}`;
}

/** The draft's headline: where it came from and what to review. */
export function draftSummary(draft: ContractDraft, log: string): string {
  return `Drafted by lockstep init from ${log} (${draft.records.toLocaleString('en-US')} records). Every "guessed:" note is a guess to review; ranges are suggestions only.`;
}
