import { DomainError } from '../shared/domain-error';
import type { AccountRoles } from './account-roles';

export const ADMIN_USAGE = [
  'usage: npm run admin -- grant <email> <role>    grant moderator or admin',
  '       npm run admin -- revoke <email> <role>   take a granted role back',
  '       npm run admin -- roles <email>           list an account\'s roles',
];

/** Exit codes: 0 done (or nothing to change), 1 refused (unknown account or role), 2 usage. */
export type AdminExitCode = 0 | 1 | 2;

export interface AdminIo {
  out(line: string): void;
  err(line: string): void;
}

/** Whether `args` name a command with the right arguments (checked before the database is opened). */
export function isAdminCommand(args: readonly string[]): boolean {
  const [command, ...rest] = args;
  return (command === 'roles' && rest.length === 1) || ((command === 'grant' || command === 'revoke') && rest.length === 2);
}

/** Runs one `npm run admin` command against the roles service; answers the exit code. */
export async function runAdminCommand(args: readonly string[], roles: AccountRoles, io: AdminIo): Promise<AdminExitCode> {
  if (!isAdminCommand(args)) {
    ADMIN_USAGE.forEach((line) => io.err(line));
    return 2;
  }
  const [command, email = '', role = ''] = args;
  try {
    if (command === 'roles') {
      const account = await roles.rolesByEmail(email);
      io.out(`${account.email}: ${account.roles.join(', ')}`);
    } else if (command === 'grant') {
      const change = await roles.grant(email, role);
      io.out(`${change.changed ? `Granted ${change.role} to ${change.email}` : `${change.email} already has ${change.role}; nothing changed`} (roles: ${change.roles.join(', ')})`);
    } else {
      const change = await roles.revoke(email, role);
      io.out(`${change.changed ? `Revoked ${change.role} from ${change.email}` : `${change.email} does not have ${change.role}; nothing changed`} (roles: ${change.roles.join(', ')})`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    io.err(error.message);
    return 1;
  }
}
