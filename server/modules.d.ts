/** Types of server/modules.js (plain JS so that PM2 can load it through ecosystem.config.js). */
export type ModuleName = 'accounts' | 'catalog' | 'studio' | 'payments' | 'game' | 'reading';
export type ModuleRole = 'accounts' | 'catalog' | 'payments' | 'game';

export interface ModuleRoute {
  path: string;
  /** `exact`: this path only (nginx `location =`); `prefix`: every path starting with it (`location ^~`). */
  match: 'exact' | 'prefix';
  /** nginx may retry a failed request on another process of the role (matchmaking only). */
  retryOnAnotherProcess?: boolean;
  /** Takes uploads (chapters, art): nginx lets bodies up to 100 MiB through; the application enforces its own limits. */
  uploads?: boolean;
}

export interface ModuleDeclaration {
  name: ModuleName;
  role: ModuleRole;
  /** What it serves, in a few words (the README's route table, comments in nginx.conf). */
  summary: string;
  routes: readonly ModuleRoute[];
}

export const GAME_ROLE: 'game';
export const MODULES: readonly ModuleDeclaration[];
export const MODULE_ROLES: readonly ModuleRole[];
export function modulesOf(role: string): readonly ModuleDeclaration[];
