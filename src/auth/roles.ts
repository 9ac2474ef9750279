/**
 * Who may do what. `curator` proposes changes, `reviewer` accepts or rejects other people's proposals,
 * `admin` may do both and also merge entities and retract sources. Reads need no role.
 */
export const ROLES = ['curator', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The signed-in caller, from a verified bearer token. */
export interface Viewer {
  /** The token's `sub`: who is recorded as the actor of every change. */
  readonly subject: string;
  readonly roles: readonly Role[];
}

/** Whether the viewer holds `role`; an admin holds every role. */
export function hasRole(viewer: Viewer, role: Role): boolean {
  return viewer.roles.includes('admin') || viewer.roles.includes(role);
}
