/**
 * A call that starts a sub-agent (the Task tool, renamed Agent later), as the transcript parser
 * stores it: `Task({"description": …, "prompt": …})`. The prompt is what the sub-agent's own
 * transcript opens with, which ties the two together when the call's id is not kept.
 */
export const AGENT_TOOLS: ReadonlySet<string> = new Set(['Task', 'Agent']);

export function isAgentTool(name: string | null | undefined): name is string {
  return name !== null && name !== undefined && AGENT_TOOLS.has(name);
}

/** The prompt a stored agent call passed, or null when the text holds none. */
export function agentCallPrompt(text: string, toolName: string): string | null {
  if (!text.startsWith(`${toolName}(`) || !text.endsWith(')')) return null;
  try {
    const input: unknown = JSON.parse(text.slice(toolName.length + 1, -1));
    const prompt = (input as { prompt?: unknown } | null)?.prompt;
    return typeof prompt === 'string' ? prompt : null;
  } catch {
    return null;
  }
}

/** Prompts compare by their text, whatever the line ends and surrounding space. */
export function promptKey(text: string): string {
  return text.trim().replace(/\r\n/g, '\n');
}
