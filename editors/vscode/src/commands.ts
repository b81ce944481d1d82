// Editor commands -> the server's workspace/executeCommand arguments. Pure, unit-tested in node.

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

/** client command id -> server command it calls (`undefined`: handled by the client alone). */
export const COMMANDS: Record<string, string | undefined> = {
  "psychopyLsp.run": "psychopy.runScript",
  "psychopyLsp.generate": "psychopy.generate",
  "psychopyLsp.explain": "psychopy.explain",
  "psychopyLsp.ask": "psychopy.ask",
  "psychopyLsp.rebuildKnowledgeBase": "psychopy.rebuildKnowledgeBase",
  "psychopyLsp.doctor": undefined, // runs `psychopy-lsp doctor` in a terminal-less process
};

export function runArgs(uri: string): unknown[] {
  return [uri];
}

export function explainArgs(uri: string, range: Range, diagnosticMessage?: string): unknown[] {
  const arg: Record<string, unknown> = { uri, range };
  if (diagnosticMessage) arg.diagnostic = { range, message: diagnosticMessage };
  return [arg];
}

/** A description typed in, or the document's own (its docstring or comment block, read by the server). */
export function generateArgs(description: string, uri?: string): unknown[] {
  const arg: Record<string, unknown> = { description: description.trim() };
  if (uri) arg.uri = uri;
  return [arg];
}

export function askArgs(question: string): unknown[] {
  return [{ question: question.trim() }];
}

export interface AnswerResult {
  answer?: string | null;
  note?: string;
  docs?: string;
  sources?: { n: number; title: string }[];
}

/** Markdown for an answer: the model's text (or the note and the docs themselves), then the sources. */
export function answerMarkdown(question: string, result: AnswerResult): string {
  const parts = [`**${question}**`];
  if (result.answer) parts.push(result.answer);
  else {
    if (result.note) parts.push(`_${result.note}_`);
    if (result.docs) parts.push(result.docs);
  }
  const sources = (result.sources ?? []).map((s) => `[${s.n}] ${s.title}`);
  if (sources.length) parts.push("Sources: " + sources.join(", "));
  return parts.join("\n\n");
}

/** Whether a `psychopy/suggestionReady` is for what the user looks at now: same document, version and cursor. */
export function shouldRetrigger(ready: { uri: string; version: number | null; position: { line: number; character: number } },
  uri: string, version: number, cursor: { line: number; character: number }): boolean {
  return ready.uri === uri && (ready.version === null || ready.version === version) &&
    ready.position.line === cursor.line && ready.position.character === cursor.character;
}
