import { z } from 'zod';
import { ROLES } from '../domain/roles.js';

/** Login, session and password: requests and answers. */
export const loginBody = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });
export const passwordBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) });

export const currentUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  organisationId: z.uuid().nullable(),
  organisationName: z.string().nullable(),
});
export type CurrentUser = z.infer<typeof currentUser>;

/** Login, registration and /api/auth/me answer with the user and the session's CSRF token. */
export const meResponse = z.object({ user: currentUser, csrfToken: z.string() });
export type MeResponse = z.infer<typeof meResponse>;
