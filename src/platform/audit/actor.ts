/** Who is acting: a signed-in user, an API token, the CLI or the system itself. */
export interface Actor {
  userId: string | null;
  /** Human-readable: the user's email, "cli", "system". */
  label: string;
  requestId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: 'system' };
export const CLI_ACTOR: Actor = { userId: null, label: 'cli' };
