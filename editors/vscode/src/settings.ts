// VS Code settings -> the server's initializationOptions. Pure (no vscode import) so it is unit-tested in node.
// The keys are the server's Settings fields in camelCase under the `psychopyLsp.` section; a Python test checks
// package.json contributes exactly those, with the server's defaults.

export const SECTION = "psychopyLsp";
// settings the client itself uses and the server never sees
export const CLIENT_ONLY = new Set(["serverPath"]);

export interface Contributed {
  [key: string]: { default?: unknown; type?: string };
}

/** The server's settings: every contributed `psychopyLsp.*` key except the client's own, read through `get`. */
export function initializationOptions(
  contributed: Contributed,
  get: (key: string) => unknown,
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const fullKey of Object.keys(contributed)) {
    if (!fullKey.startsWith(SECTION + ".")) continue;
    const key = fullKey.slice(SECTION.length + 1);
    if (CLIENT_ONLY.has(key)) continue;
    const value = get(key);
    if (value !== undefined) options[key] = value;
  }
  return options;
}

export interface ServerCommand {
  command: string;
  args: string[];
}

/** How to start the server: an explicit path, else the selected Python environment, else PATH. */
export function serverCommand(serverPath: string, pythonPath: string | undefined): ServerCommand {
  if (serverPath) return { command: serverPath, args: [] };
  if (pythonPath) return { command: pythonPath, args: ["-m", "psychopy_lsp.server.cli"] };
  return { command: "psychopy-lsp", args: [] };
}

/** The status bar text for a psychopy/status notification. */
export function statusText(status: { state?: string; model?: string }): string {
  const parts = [`PsychoPy: ${status.state ?? "starting"}`];
  if (status.model && status.model !== "off") parts.push(`model ${status.model}`);
  return parts.join(" · ");
}

/** `psychopy-lsp doctor` arguments for the knowledge base and interpreter the server is configured with. */
export function doctorArgs(serverArgs: string[], options: Record<string, unknown>): string[] {
  const args = [...serverArgs, "doctor"];
  if (typeof options.kbDir === "string" && options.kbDir) args.push("--kb-dir", options.kbDir);
  if (typeof options.psychopyPython === "string" && options.psychopyPython) {
    args.push("--python", options.psychopyPython);
  }
  return args;
}
