// The VS Code client: launch the server, map settings, register commands, show the status. Nothing more.
import { execFile } from "child_process";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification, LanguageClient, LanguageClientOptions, ServerOptions,
} from "vscode-languageclient/node";
import { COMMANDS, answerMarkdown, askArgs, generateArgs, explainArgs, runArgs, shouldRetrigger } from "./commands";
import { SECTION, doctorArgs, initializationOptions, serverCommand, statusText } from "./settings";

let client: LanguageClient | undefined;

async function selectedPython(): Promise<string | undefined> {
  const python = vscode.extensions.getExtension("ms-python.python");
  if (!python) return undefined;
  const api = python.isActive ? python.exports : await python.activate();
  return api?.environments?.getActiveEnvironmentPath?.()?.path;
}

function settings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const contributed = vscode.extensions.getExtension("psychopy-lsp.psychopy-lsp")?.packageJSON?.contributes
    ?.configuration?.properties ?? {};
  return initializationOptions(contributed, (key) => config.get(key));
}

async function execute(command: string, args: unknown[]): Promise<unknown> {
  if (!client) throw new Error("psychopy-lsp is not running");
  return client.sendRequest("workspace/executeCommand", { command, arguments: args });
}

// answers live in read-only virtual documents: rendered by the built-in Markdown preview, never "unsaved"
const ANSWER_SCHEME = "psychopy-answer";
const answers = new Map<string, string>();
let answerCount = 0;

async function showAnswer(question: string, result: unknown): Promise<void> {
  const uri = vscode.Uri.from({ scheme: ANSWER_SCHEME, path: `/answer-${++answerCount}.md` });
  answers.set(uri.toString(), answerMarkdown(question, result as object));
  await vscode.workspace.openTextDocument(uri);
  await vscode.commands.executeCommand("markdown.showPreviewToSide", uri);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const server = serverCommand(config.get<string>("serverPath") ?? "", await selectedPython());
  const serverOptions: ServerOptions = { command: server.command, args: server.args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "python" }, { scheme: "untitled", language: "python" }],
    initializationOptions: settings(),
    // No `synchronize.configurationSection`: it would send the whole section, client-only keys (serverPath)
    // included, and the server would report them as unknown. The server's own keys go out below.
  };
  client = new LanguageClient("psychopyLsp", "PsychoPy LSP", serverOptions, clientOptions);
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((event) => {
    if (client && event.affectsConfiguration(SECTION)) {
      void client.sendNotification(DidChangeConfigurationNotification.type, { settings: settings() });
    }
  }));

  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(ANSWER_SCHEME, {
    provideTextDocumentContent: (uri) => answers.get(uri.toString()) ?? "",
  }));

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  status.text = "PsychoPy: starting";
  status.command = "psychopyLsp.doctor";
  status.show();
  context.subscriptions.push(status);
  client.onNotification("psychopy/status", (s: { state?: string; model?: string; detail?: string; modelError?: string }) => {
    status.text = statusText(s);
    status.tooltip = s.modelError || s.detail || "";
    status.backgroundColor = s.state === "error" || s.model === "error"
      ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
  });

  // a suggestion the model finished after VS Code stopped waiting: ask again if the cursor is still there
  client.onNotification("psychopy/suggestionReady", (r: { uri: string; version: number | null;
    position: { line: number; character: number } }) => {
    const editor = vscode.window.activeTextEditor;
    if (editor && shouldRetrigger(r, editor.document.uri.toString(), editor.document.version,
      { line: editor.selection.active.line, character: editor.selection.active.character })) {
      void vscode.commands.executeCommand("editor.action.inlineSuggest.trigger");
    }
  });

  const register = (id: string, handler: (...args: unknown[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  register("psychopyLsp.run", async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const result = (await execute(COMMANDS["psychopyLsp.run"]!, runArgs(editor.document.uri.toString()))) as
      { status: string; error_type?: string; message?: string };
    const text = `PsychoPy run: ${result.status}${result.message ? ` - ${result.error_type}: ${result.message}` : ""}`;
    (result.status === "error" ? vscode.window.showErrorMessage : vscode.window.showInformationMessage)(text);
  });
  register("psychopyLsp.generate", async () => {
    const editor = vscode.window.activeTextEditor;
    const description = await vscode.window.showInputBox({
      prompt: "Describe the experiment (stimuli, colours, durations, keys, trials)" });
    if (!description) return;
    // the server shows the progress (work-done progress, with a Cancel button that stops the generation)
    const result = (await execute(COMMANDS["psychopyLsp.generate"]!,
      generateArgs(description, editor?.document.uri.toString()))) as
      { verified: boolean; applied: boolean; reason: string; code: string; cancelled?: boolean };
    if (result.cancelled) return;
    if (result.verified && !result.applied) {
      const doc = await vscode.workspace.openTextDocument({ language: "python", content: result.code });
      await vscode.window.showTextDocument(doc);
    }
    (result.verified ? vscode.window.showInformationMessage : vscode.window.showWarningMessage)(
      `PsychoPy: ${result.reason}`);
  });
  register("psychopyLsp.explain", async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const sel = editor.selection;
    const range = { start: { line: sel.start.line, character: 0 }, end: { line: sel.end.line, character: 0 } };
    const diagnostic = vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.range.contains(sel.active));
    const result = await execute(COMMANDS["psychopyLsp.explain"]!, explainArgs(editor.document.uri.toString(), range,
      sel.isEmpty ? diagnostic?.message : undefined));
    await showAnswer("Explain", result);
  });
  register("psychopyLsp.ask", async () => {
    const question = await vscode.window.showInputBox({ prompt: "Ask the PsychoPy docs" });
    if (!question) return;
    await showAnswer(question, await execute(COMMANDS["psychopyLsp.ask"]!, askArgs(question)));
  });
  register("psychopyLsp.rebuildKnowledgeBase", async () => {
    await execute(COMMANDS["psychopyLsp.rebuildKnowledgeBase"]!, []);
  });
  register("psychopyLsp.doctor", () => {
    const output = vscode.window.createOutputChannel("PsychoPy LSP doctor");
    execFile(server.command, doctorArgs(server.args, settings()), (_err, stdout, stderr) => {
      output.append(stdout + stderr);
      output.show();
    });
  });

  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
