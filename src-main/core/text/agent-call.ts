/**
 * A call that starts a sub-agent (the Task tool, renamed Agent later), as the transcript parser
 * stores it: `Task({"description": …, "prompt": …})`. The prompt is what the sub-agent's own
 * transcript opens with, which ties the two together when the call's id is not kept.
 */
export const AGENT_TOOLS: ReadonlySet<string> = new Set(['Task', 'Agent']);

export function isAgentTool(name: string | null | undefined): name is string {
  return name !== null && name !== undefined && AGENT_TOOLS.has(name);
}

/** What a stored agent call passed: its prompt and short description (each null when absent). */
export function agentCallInput(
  text: string,
  toolName: string,
): { prompt: string | null; description: string | null } | null {
  if (!text.startsWith(`${toolName}(`) || !text.endsWith(')')) return null;
  try {
    const input: unknown = JSON.parse(text.slice(toolName.length + 1, -1));
    if (typeof input !== 'object' || input === null) return null;
    const { prompt, description } = input as { prompt?: unknown; description?: unknown };
    return {
      prompt: typeof prompt === 'string' ? prompt : null,
      description: typeof description === 'string' ? description : null,
    };
  } catch {
    return null;
  }
}

/** The prompt a stored agent call passed, or null when the text holds none. */
export function agentCallPrompt(text: string, toolName: string): string | null {
  return agentCallInput(text, toolName)?.prompt ?? null;
}

/** Prompts compare by their text, whatever the line ends and surrounding space. */
export function promptKey(text: string): string {
  return text.trim().replace(/\r\n/g, '\n');
}
