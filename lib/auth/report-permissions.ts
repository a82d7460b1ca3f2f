/** Who may change a saved report: its owner (a member or admin), or any admin. */
import { hasRole, type SessionUser } from './roles';

export function canManageReport(user: SessionUser, report: { owner: { id: string } }): boolean {
  return user.role === 'admin' || (hasRole(user.role, 'member') && report.owner.id === user.id);
}
